package dev.berth.metadata;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A repository's lifecycle policy as stored: the text exactly as received, and when a run last evaluated it.
 *
 * @param lastEvaluatedAt null until a run has evaluated the policy
 */
public record StoredLifecyclePolicy(String text, Instant lastEvaluatedAt) {
    public StoredLifecyclePolicy {
        Objects.requireNonNull(text, "text");
    }

    public Optional<Instant> lastEvaluated() {
        return Optional.ofNullable(lastEvaluatedAt);
    }
}
