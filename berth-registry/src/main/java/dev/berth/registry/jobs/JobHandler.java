package dev.berth.registry.jobs;

import dev.berth.metadata.Job;
import java.time.Duration;
import java.util.Optional;

/** Does the work of one kind of job. */
@FunctionalInterface
public interface JobHandler {

    /**
     * Does the job. Returning completes it; throwing fails it, to be retried after {@link #retryAfter} or failed
     * for good. The work must be safe to repeat: a node that dies mid-job leaves it to another.
     */
    void run(Job job) throws Exception;

    /** When to try a failed job again, or empty to fail it for good. Default: 5 attempts, backing off from 30 s. */
    default Optional<Duration> retryAfter(Job job, Exception failure) {
        return job.attempts() < 5 ? Optional.of(Duration.ofSeconds(30L << (job.attempts() - 1))) : Optional.empty();
    }
}
