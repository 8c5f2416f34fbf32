package dev.berth.api.berth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.aws.Access;
import dev.berth.api.aws.AwsApiException;
import dev.berth.api.aws.AwsJson;
import dev.berth.api.aws.JsonService;
import dev.berth.auth.Authorizer;
import dev.berth.auth.Principal;
import dev.berth.metadata.Job;
import dev.berth.registry.gc.GcJob;
import dev.berth.registry.jobs.JobRunner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Berth's own operations beyond the AWS APIs, in AWS JSON 1.1 on the same port ({@code X-Amz-Target:
 * Berth_20261122.<Op>}, SigV4 with the signing name {@code berth}), authorized by the policy engine as
 * {@code berth:<Op>} on resource {@code *} (docs/gc.md):
 * <ul>
 *   <li>{@code StartGarbageCollection}: queues a collection now (or returns the one already queued or running);
 *       answers its {@code jobId} and {@code status};</li>
 *   <li>{@code DescribeGarbageCollection}: a collection by {@code jobId}, or else the latest one (the next
 *       scheduled, {@code QUEUED}, once a run has finished): its status, times, error, and once done its figures
 *       ({@code result}).</li>
 * </ul>
 * Refusals: {@code AccessDeniedException}, {@code InvalidParameterException}, {@code JobNotFoundException}.
 */
public final class BerthApi implements JsonService {
    public static final String TARGET_PREFIX = "Berth_20261122";
    public static final String SIGNING_NAME = "berth";

    private final JobRunner jobs;
    private final Authorizer authorizer;

    public BerthApi(JobRunner jobs, Authorizer authorizer) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
    }

    @Override
    public String signingName() {
        return SIGNING_NAME;
    }

    @Override
    public String targetPrefix() {
        return TARGET_PREFIX;
    }

    @Override
    public JsonNode handle(String operation, JsonNode input, Principal caller, String sourceIp) {
        return switch (operation) {
            case "StartGarbageCollection" -> {
                authorize(caller, operation, sourceIp);
                yield describe(jobs.runNow(GcJob.KIND));
            }
            case "DescribeGarbageCollection" -> {
                Optional<Long> id = jobId(input);
                authorize(caller, operation, sourceIp);
                Job job = (id.isPresent() ? jobs.store().find(id.get()) : jobs.store().latest(GcJob.KIND,
                        JobRunner.REGISTRY))
                        .filter(j -> j.kind().equals(GcJob.KIND))
                        .orElseThrow(() -> new AwsApiException("JobNotFoundException", 400,
                                id.map(i -> "no garbage collection with jobId " + i)
                                        .orElse("no garbage collection has run yet")));
                yield describe(job);
            }
            default -> throw new AwsApiException("UnknownOperationException", 400,
                    "operation " + operation + " is not supported");
        };
    }

    private void authorize(Principal caller, String operation, String sourceIp) {
        Access.require(authorizer, caller, "berth:" + operation, null, Map.of(), List.of(), sourceIp,
                "AccessDeniedException");
    }

    private static Optional<Long> jobId(JsonNode input) {
        JsonNode id = input.get("jobId");
        if (id == null || id.isNull()) {
            return Optional.empty();
        }
        if (!id.canConvertToLong() || !id.isIntegralNumber() || id.asLong() < 1) {
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
