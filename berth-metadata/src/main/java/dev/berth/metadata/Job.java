package dev.berth.metadata;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A unit of background work as the {@link JobStore} holds it.
 *
 * @param payload        what the job's handler needs beyond its subject (JSON text), if anything
 * @param leaseOwner     the node working on it, while RUNNING
 * @param leaseExpiresAt when that node's claim lapses unless renewed
 * @param attempts       how many times it has been claimed
 */
public record Job(long id, String kind, String subject, Optional<String> payload, JobState state, Instant runAfter,
                  Optional<String> leaseOwner, Optional<Instant> leaseExpiresAt, int attempts,
                  Optional<String> lastError, Instant createdAt, Optional<Instant> finishedAt) {
    public Job {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(state, "state");
    }
}
