package dev.berth.metadata;

import dev.berth.oci.RepositoryName;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One execution of a repository's lifecycle policy and how far it got.
 *
 * @param jobId    the leased job that runs it (one run per job)
 * @param expired  plan items expired so far
 * @param skipped  plan items left alone because the image changed between evaluation and expiry
 * @param pending  plan items not yet handled
 */
public record LifecycleRun(long id, long jobId, RepositoryName repository, String policyText, Instant evaluatedAt,
                           boolean done, Optional<Instant> finishedAt, int expired, int skipped, int pending) {
    public LifecycleRun {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(policyText, "policyText");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }
}
