package dev.berth.metadata;

import dev.berth.oci.Digest;
import dev.berth.oci.RepositoryName;
import java.time.Instant;
import java.util.Objects;

/** Pulls of one image gathered in memory since the last flush: how many, and when the latest was. */
public record PullTally(RepositoryName repository, Digest digest, Instant lastPulledAt, long count) {
    public PullTally {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(lastPulledAt, "lastPulledAt");
        if (count < 1) {
            throw new IllegalArgumentException("a tally counts at least one pull, got " + count);
        }
    }
}
