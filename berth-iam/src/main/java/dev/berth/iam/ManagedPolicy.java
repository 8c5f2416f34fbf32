package dev.berth.iam;

import java.util.Objects;

/**
 * An AWS-managed policy Berth ships: its name, ARN ({@code arn:aws:iam::aws:policy/<name>}), path, default version
 * id, the exact document text (what {@code GetPolicyVersion} returns) and the parsed {@link Policy}, named by the ARN.
 */
public record ManagedPolicy(
        String name, Arn arn, String path, String defaultVersionId, String document, Policy policy) {
    public ManagedPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(defaultVersionId, "defaultVersionId");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(policy, "policy");
    }
}
