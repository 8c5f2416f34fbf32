package dev.berth.metadata;

import dev.berth.iam.Arn;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An IAM role (spec §4.5). {@code name} keeps the case it was created with; role names are unique regardless of
 * case ({@link #nameKey}). {@code arn} is {@code arn:aws:iam::<account>:role<path><name>}; {@code roleId} is the
 * {@code AROA…} unique id, new for every role created even under an old name. {@code assumeRolePolicyDocument} is
 * the trust policy text exactly as the client sent it; {@code description} is empty when there is none. Immutable;
 * the {@code with…} copies change only what UpdateRole, UpdateAssumeRolePolicy and TagRole may change.
 */
public record Role(String roleId, String name, String path, Arn arn, String assumeRolePolicyDocument,
                   String description, Duration maxSessionDuration, List<IamTag> tags, Instant createdAt) {
    public Role {
        Objects.requireNonNull(roleId, "roleId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(assumeRolePolicyDocument, "assumeRolePolicyDocument");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(maxSessionDuration, "maxSessionDuration");
        tags = List.copyOf(tags);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The form of a role name that is unique: lower case (role names are ASCII). */
    public static String nameKey(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public String nameKey() {
        return nameKey(name);
    }

    public Role withAssumeRolePolicyDocument(String document) {
        return new Role(roleId, name, path, arn, document, description, maxSessionDuration, tags, createdAt);
    }

    public Role withDescription(String newDescription) {
        return new Role(roleId, name, path, arn, assumeRolePolicyDocument, newDescription, maxSessionDuration, tags,
                createdAt);
    }

    public Role withMaxSessionDuration(Duration duration) {
        return new Role(roleId, name, path, arn, assumeRolePolicyDocument, description, duration, tags, createdAt);
    }

    public Role withTags(List<IamTag> newTags) {
        return new Role(roleId, name, path, arn, assumeRolePolicyDocument, description, maxSessionDuration, newTags,
                createdAt);
    }

    /** Whether {@code other} is this role with at most its changeable fields different. */
    boolean sameIdentity(Role other) {
        return roleId.equals(other.roleId) && name.equals(other.name) && path.equals(other.path)
                && arn.equals(other.arn) && createdAt.equals(other.createdAt);
    }
}
