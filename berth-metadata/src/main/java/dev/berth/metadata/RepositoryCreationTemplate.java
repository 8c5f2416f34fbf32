package dev.berth.metadata;

import dev.berth.oci.RepositoryName;
import dev.berth.oci.TagMutability;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settings ECR gives a repository it creates on the user's behalf (ECR {@code RepositoryCreationTemplate}):
 * chosen by the longest {@link #prefix} whose namespace holds the repository, or {@link #ROOT} for any name. Berth
 * applies templates for {@code CREATE_ON_PUSH}; the other purposes are recorded only.
 *
 * @param description empty when none
 * @param repositoryPolicy the policy text a created repository gets, empty when none
 * @param lifecyclePolicy recorded only, empty when none
 * @param customRoleArn recorded only, empty when none
 */
public record RepositoryCreationTemplate(String prefix, String description, EncryptionConfiguration encryption,
                                         List<ResourceTag> resourceTags, TagMutability tagMutability,
                                         String repositoryPolicy, String lifecyclePolicy, Set<AppliedFor> appliedFor,
                                         String customRoleArn, Instant createdAt, Instant updatedAt) {
    /** The prefix that matches every repository. */
    public static final String ROOT = "ROOT";
    private static final Pattern PREFIX =
            Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/?)");

    /** What a template is used for, spelled as on ECR's wire. */
    public enum AppliedFor { REPLICATION, PULL_THROUGH_CACHE, CREATE_ON_PUSH }

    public RepositoryCreationTemplate {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(tagMutability, "tagMutability");
        Objects.requireNonNull(repositoryPolicy, "repositoryPolicy");
        Objects.requireNonNull(lifecyclePolicy, "lifecyclePolicy");
        Objects.requireNonNull(customRoleArn, "customRoleArn");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        resourceTags = List.copyOf(resourceTags);
        appliedFor = Set.copyOf(appliedFor);
        if (!isValidPrefix(prefix)) {
            throw new IllegalArgumentException("prefix must be ROOT or the start of a repository name, got '"
                    + prefix + "'");
        }
    }

    /** {@code ROOT}, or 1 to 256 characters of repository-name grammar (a trailing {@code /} allowed). */
    public static boolean isValidPrefix(String prefix) {
        return prefix.equals(ROOT) || (prefix.length() <= 256 && PREFIX.matcher(prefix).matches());
    }

    /**
     * Whether the template applies to the repository: ROOT always; otherwise a prefix is a namespace, as in ECR
     * ({@code prod} applies to {@code prod/app} and {@code prod/team/app}, not to {@code production/app}).
     */
    public boolean matches(RepositoryName name) {
        return prefix.equals(ROOT) || name.value().startsWith(prefix.endsWith("/") ? prefix : prefix + "/");
    }

    /** How specific the match is, for choosing among several (ROOT least). */
    public int specificity() {
        return prefix.equals(ROOT) ? 0 : prefix.length();
    }
}
