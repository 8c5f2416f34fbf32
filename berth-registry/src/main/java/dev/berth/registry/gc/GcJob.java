package dev.berth.registry.gc;

import dev.berth.metadata.Job;
import dev.berth.registry.jobs.JobHandler;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The garbage collection job (kind {@value #KIND}, subject {@code registry}): recurring every
 * {@code BERTH_GC_INTERVAL}, and on demand. Its result is the {@link GcReport} as JSON. A failed pass is retried
 * (each step is idempotent).
 */
public final class GcJob implements JobHandler {
    public static final String KIND = "gc";

    private final GarbageCollector collector;

    public GcJob(GarbageCollector collector) {
        this.collector = Objects.requireNonNull(collector, "collector");
    }

    @Override
    public void run(Job job) {
        runAndReport(job);
    }

    @Override
    public Optional<String> runAndReport(Job job) {
        return Optional.of(collector.collect().toJson());
    }

    /** The next scheduled pass is never far away, so a failure is retried a few times and then left to it. */
    @Override
    public Optional<Duration> retryAfter(Job job, Exception failure) {
        return job.attempts() < 3 ? Optional.of(Duration.ofMinutes(1)) : Optional.empty();
    }
}
