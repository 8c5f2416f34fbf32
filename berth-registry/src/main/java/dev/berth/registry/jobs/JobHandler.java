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

    /**
     * Does the job and returns what it reports (JSON text), which the job store keeps with the finished job. By
     * default runs {@link #run} and reports nothing; a handler with something to report overrides this.
     */
    default Optional<String> runAndReport(Job job) throws Exception {
        run(job);
        return Optional.empty();
    }

    /** When to try a failed job again, or empty to fail it for good. Default: 5 attempts, backing off from 30 s. */
    default Optional<Duration> retryAfter(Job job, Exception failure) {
        return job.attempts() < 5 ? Optional.of(Duration.ofSeconds(30L << (job.attempts() - 1))) : Optional.empty();
    }
}
