package dev.berth.metadata;

import dev.berth.oci.RepositoryName;
import dev.berth.oci.TagMutability;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a repository records about itself besides its content: the settings ECR's {@code CreateRepository} takes
 * (resource tags apart, see {@link RepositorySettingsStore#resourceTags}) and when it was created.
 *
 * @param registryId the 12-digit account id the repository was created under, or null when it was created
 *                   implicitly (by a push, or before settings were recorded): the registry's own id applies
 * @param createdAt  millisecond precision once stored
 */
public record RepositorySettings(RepositoryName name, String registryId, Instant createdAt,
                                 TagMutability tagMutability, boolean scanOnPush,
                                 EncryptionConfiguration encryption) {
    private static final Pattern REGISTRY_ID = Pattern.compile("\\d{12}");

    public RepositorySettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(tagMutability, "tagMutability");
        Objects.requireNonNull(encryption, "encryption");
        if (registryId != null && !REGISTRY_ID.matcher(registryId).matches()) {
            throw new IllegalArgumentException("registryId must be 12 digits, got '" + registryId + "'");
        }
    }

    /** The settings a repository gets when nothing is asked for: MUTABLE, no scan on push, AES256. */
    public static RepositorySettings defaults(RepositoryName name, String registryId, Instant createdAt) {
        return new RepositorySettings(name, registryId, createdAt, TagMutability.MUTABLE, false,
                EncryptionConfiguration.AES256);
    }

    public Optional<String> recordedRegistryId() {
        return Optional.ofNullable(registryId);
    }

    public RepositorySettings withRegistryId(String id) {
        return new RepositorySettings(name, id, createdAt, tagMutability, scanOnPush, encryption);
    }

    public RepositorySettings withTagMutability(TagMutability mutability) {
        return new RepositorySettings(name, registryId, createdAt, mutability, scanOnPush, encryption);
    }

    public RepositorySettings withScanOnPush(boolean scan) {
        return new RepositorySettings(name, registryId, createdAt, tagMutability, scan, encryption);
    }
}
