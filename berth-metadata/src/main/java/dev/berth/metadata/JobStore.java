package dev.berth.metadata;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * Background jobs shared by every node through the metadata database. A node {@linkplain #claim claims} a due job
 * with a lease, renews it while working, and completes or fails it; a job whose lease lapses (its node died) is
 * claimed again. Every change is one transaction; every method is safe to call from any node at any time.
 */
public interface JobStore {

    /**
     * Asks for work: queues a job of {@code kind} on {@code subject} to run at {@code runAfter}, unless one is
     * already pending, in which case that one is returned — moved earlier if it is queued for later than
     * {@code runAfter} (the earliest request wins).
     */
    Job enqueue(String kind, String subject, String payloadOrNull, Instant runAfter, Instant now);

    /**
     * Takes the most overdue job of one of {@code kinds} that is queued and due, or running with a lapsed lease,
     * and leases it to {@code owner} until {@code now + lease}. Empty when nothing is due.
     */
    Optional<Job> claim(Collection<String> kinds, String owner, Instant now, Duration lease);

    /** Extends {@code owner}'s lease; false if the job is no longer leased to it (someone else took it over). */
    boolean renew(long id, String owner, Instant leaseExpiresAt);

    /** Marks the job DONE; false if it was no longer leased to {@code owner} (the work may be done twice). */
    default boolean complete(long id, String owner, Instant now) {
        return complete(id, owner, now, null);
    }

    /** {@link #complete}, recording what the job reports (JSON text, or null for nothing). */
    boolean complete(long id, String owner, Instant now, String resultOrNull);

    /** What a DONE job reported when it completed, if anything. */
    Optional<String> result(long id);

    /**
     * Records a failure: queued again for {@code retryAt} when given, else FAILED for good. False if the job was no
     * longer leased to {@code owner}.
     */
    boolean fail(long id, String owner, String error, Optional<Instant> retryAt, Instant now);

    Optional<Job> find(long id);

    /** The most recent job of {@code kind} on {@code subject}, pending or finished. */
    Optional<Job> latest(String kind, String subject);

    /** Forgets finished jobs that finished before {@code before}; returns how many. */
    int purgeFinished(Instant before);
}
