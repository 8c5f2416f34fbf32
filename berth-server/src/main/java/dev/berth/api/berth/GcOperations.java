package dev.berth.api.berth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.aws.AwsApiException;
import dev.berth.api.aws.AwsJson;
import dev.berth.metadata.Job;
import dev.berth.registry.gc.GcJob;
import dev.berth.registry.jobs.JobRunner;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Garbage collection on demand (docs/gc.md), two of {@link BerthApi}'s operations, which authorizes them as
 * {@code berth:<Op>}:
 * <ul>
 *   <li>{@code StartGarbageCollection}: queues a collection now (or returns the one already queued, moved to now,
 *       or the one running); answers its {@code jobId} and {@code status};</li>
 *   <li>{@code DescribeGarbageCollection}: a collection by {@code jobId}, or else the latest one (the next
 *       scheduled, {@code QUEUED}, once a run has finished): its status, times, error, and once done its figures
 *       ({@code result}).</li>
 * </ul>
 * Refusals: {@code InvalidParameterException}, {@code JobNotFoundException}.
 */
public final class GcOperations {
    private final JobRunner jobs;

    public GcOperations(JobRunner jobs) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
    }

    /** Registers both operations in {@code api}; returns it. */
    public BerthApi registerIn(BerthApi api) {
        return api.with("StartGarbageCollection", (input, caller, sourceIp) -> describe(jobs.runNow(GcJob.KIND)))
                .with("DescribeGarbageCollection", (input, caller, sourceIp) -> describe(find(jobId(input))));
    }

    private Job find(Optional<Long> id) {
        return (id.isPresent() ? jobs.store().find(id.get()) : jobs.store().latest(GcJob.KIND, JobRunner.REGISTRY))
                .filter(j -> j.kind().equals(GcJob.KIND))
                .orElseThrow(() -> new AwsApiException("JobNotFoundException", 400,
                        id.map(i -> "no garbage collection with jobId " + i).orElse("no garbage collection has run yet")));
    }

    private static Optional<Long> jobId(JsonNode input) {
        JsonNode id = input.get("jobId");
        if (id == null || id.isNull()) {
            return Optional.empty();
        }
        if (!id.isIntegralNumber() || !id.canConvertToLong() || id.asLong() < 1) {
            throw new AwsApiException("InvalidParameterException", 400, "jobId must be a positive integer");
        }
        return Optional.of(id.asLong());
    }

    private ObjectNode describe(Job job) {
        ObjectNode out = AwsJson.object().put("jobId", job.id()).put("status", job.state().name())
                .put("createdAt", AwsJson.timestamp(job.createdAt())).put("runAfter", AwsJson.timestamp(job.runAfter()));
        job.finishedAt().ifPresent(at -> out.put("finishedAt", AwsJson.timestamp(at)));
        job.lastError().ifPresent(error -> out.put("lastError", error));
        jobs.store().result(job.id())
                .ifPresent(result -> out.set("result", AwsJson.parse(result.getBytes(StandardCharsets.UTF_8))));
        return out;
    }
}
