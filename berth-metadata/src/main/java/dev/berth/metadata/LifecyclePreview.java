package dev.berth.metadata;

import java.time.Instant;
import java.util.Objects;

/**
 * The latest lifecycle-policy preview of a repository: the policy text it evaluated, its status (ECR's
 * {@code IN_PROGRESS | COMPLETE | EXPIRED | FAILED}), its results as JSON text (opaque to the store) and when it
 * was made.
 */
public record LifecyclePreview(String policyText, String status, String resultsJson, Instant createdAt) {
    public LifecyclePreview {
        Objects.requireNonNull(policyText, "policyText");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(resultsJson, "resultsJson");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
