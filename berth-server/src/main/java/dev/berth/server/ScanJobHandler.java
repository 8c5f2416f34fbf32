package dev.berth.server;

import dev.berth.metadata.Job;
import dev.berth.registry.jobs.JobHandler;
import dev.berth.registry.scan.ScanService;
import java.time.Duration;
import java.util.Optional;

/**
 * Runs scan jobs: a few quick retries for unexpected failures (a busy database, a blob being replaced), and the last
 * attempt records the scan as FAILED rather than leaving it IN_PROGRESS for ever.
 */
final class ScanJobHandler implements JobHandler {
    static final int ATTEMPTS = 3;

    private final ScanService scans;

    ScanJobHandler(ScanService scans) {
        this.scans = scans;
    }

    @Override
    public void run(Job job) {
        scans.run(job.subject(), job.payload(), job.attempts() >= ATTEMPTS);
    }

    @Override
    public Optional<Duration> retryAfter(Job job, Exception failure) {
        return job.attempts() < ATTEMPTS ? Optional.of(Duration.ofSeconds(5L * job.attempts())) : Optional.empty();
    }
}
