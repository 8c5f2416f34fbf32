package dev.berth.api.ecr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.aws.AwsJson;
import dev.berth.api.berth.BerthApi;
import dev.berth.metadata.ExpiredImage;
import dev.berth.metadata.Job;
import dev.berth.metadata.LifecycleRun;
import dev.berth.metadata.RestoreOutcome;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;
import dev.berth.registry.lifecycle.LifecycleService;
import java.util.Map;
import java.util.Optional;

/**
 * Berth's extensions to ECR's lifecycle API, which has no way to run a policy now or to undo an expiry. Registered
 * on {@link BerthApi} (target prefix {@value BerthApi#TARGET_PREFIX}, SigV4 with signing name {@code ecr}, ECR's
 * error shapes). Each is authorized as {@code berth:<Operation>} on the repository's ARN, with the repository's
 * policy: not an AWS action, so {@code ecr:*} does not grant it.
 *
 * <ul>
 *   <li>{@code StartLifecyclePolicyRun}: queues a run of the stored policy (a leased job); answers its {@code runId}.
 *   <li>{@code DescribeLifecyclePolicyRun}: a run's status and counts.
 *   <li>{@code ListExpiredImages}: images expired by runs that can still be restored.
 *   <li>{@code RestoreExpiredImages}: restores them, with their referrers, index children and free tags.
 * </ul>
 */
public final class BerthLifecycleOperations {
    private final EcrContext ctx;

    public BerthLifecycleOperations(EcrContext ctx) {
        this.ctx = ctx;
    }

    /** Adds the operations to Berth's API. */
    public void register(BerthApi api) {
        Map<String, EcrOperation> operations = Map.of("StartLifecyclePolicyRun", this::startRun,
                "DescribeLifecyclePolicyRun", this::describeRun,
                "ListExpiredImages", this::listExpired,
                "RestoreExpiredImages", this::restore);
        operations.forEach((name, op) -> api.withResourceScope(name, (input, caller, sourceIp) ->
                op.handle(new EcrCall(new EcrInput(input), caller, sourceIp))));
    }

    private LifecycleService lifecycle() {
        return ctx.lifecycle();
    }

    private RepositoryName authorized(EcrCall call, String operation) {
        EcrInput in = call.input();
        RepositoryName name = in.repositoryName();
        in.registryId(ctx.accountId());
        ctx.authorizeExtension(call, operation, name);
        ctx.requireRepository(name);
        return name;
    }

    private ObjectNode base(RepositoryName name) {
        return AwsJson.object().put("registryId", ctx.accountId()).put("repositoryName", name.value());
    }

    private JsonNode startRun(EcrCall call) {
        RepositoryName name = authorized(call, "StartLifecyclePolicyRun");
        if (ctx.store().lifecyclePolicy(name).isEmpty()) {
            throw EcrErrors.of("LifecyclePolicyNotFoundException", "Lifecycle policy does not exist for the"
                    + " repository with name '" + name + "' in the registry with id '" + ctx.accountId() + "'");
        }
        Job job = lifecycle().requestRun(name);
        return base(name).put("runId", job.id()).put("status", status(job));
    }

    private JsonNode describeRun(EcrCall call) {
        long runId = call.input().requiredNumber("runId", 1, Long.MAX_VALUE);
        RepositoryName name = authorized(call, "DescribeLifecyclePolicyRun");
        LifecycleService.RunStatus found = lifecycle().runStatus(runId)
                .filter(s -> s.job().subject().equals(name.value()))
                .orElseThrow(() -> EcrErrors.of("LifecyclePolicyRunNotFoundException", "Lifecycle policy run "
                        + runId + " does not exist for the repository with name '" + name + "'"));
        ObjectNode out = base(name).put("runId", runId).put("status", status(found.job()));
        Optional<LifecycleRun> run = found.run();
        if (run.isPresent()) {
            LifecycleRun r = run.get();
            out.put("lifecyclePolicyText", r.policyText()).put("evaluatedAt", AwsJson.timestamp(r.evaluatedAt()))
                    .put("expiredImageCount", r.expired()).put("skippedImageCount", r.skipped())
                    .put("pendingImageCount", r.pending());
            r.finishedAt().ifPresent(at -> out.put("finishedAt", AwsJson.timestamp(at)));
        }
        return out;
    }

    /** ECR's preview vocabulary: IN_PROGRESS while leased, COMPLETE once done; QUEUED before a node takes it. */
    private static String status(Job job) {
        return switch (job.state()) {
            case QUEUED -> "QUEUED";
            case RUNNING -> "IN_PROGRESS";
            case DONE -> "COMPLETE";
            case FAILED -> "FAILED";
        };
    }

    private JsonNode listExpired(EcrCall call) {
        RepositoryName name = authorized(call, "ListExpiredImages");
        ObjectNode out = base(name);
        ArrayNode images = out.putArray("expiredImages");
        for (ExpiredImage image : lifecycle().expiredImages(name)) {
            ObjectNode node = images.addObject().put("imageDigest", image.digest().toString());
            ArrayNode tags = node.putArray("imageTags");
            image.tags().stream().map(Tag::value).forEach(tags::add);
            node.put("imageManifestMediaType", image.mediaType())
                    .put("imagePushedAt", AwsJson.timestamp(image.pushedAt()))
                    .put("expiredAt", AwsJson.timestamp(image.expiredAt()))
                    .put("restorableUntil", AwsJson.timestamp(image.restoreUntil()))
                    .put("runId", image.runId());
            JsonNode detail = detail(image.detail());
            if (detail.has("rulePriority")) {
                node.put("appliedRulePriority", detail.get("rulePriority").asInt());
            }
            node.put("reason", detail.path("reason").asText());
            image.subject().ifPresent(s -> node.put("subjectDigest", s.toString()));
        }
        return out;
    }

    private static JsonNode detail(String json) {
        try {
            return AwsJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored expiry detail is not JSON", e);
        }
    }

    private JsonNode restore(EcrCall call) {
        EcrInput in = call.input();
        var ids = in.requiredList("imageIds", 1, 100);
        RepositoryName name = authorized(call, "RestoreExpiredImages");
        ObjectNode out = base(name);
        ArrayNode restored = out.putArray("restoredImages");
        ArrayNode restoredTags = out.putArray("restoredTags");
        ArrayNode kept = out.putArray("tagsKept");
        ArrayNode failures = out.putArray("failures");
        for (JsonNode id : ids) {
            ImageIds asked;
            try {
                asked = ImageIds.parse(id);
            } catch (ImageIds.Failure f) {
                throw EcrErrors.invalidParameter(f.getMessage());
            }
            if (asked.digest() == null) {
                failures.addObject().<ObjectNode>set("imageId", id.deepCopy()).put("failureCode", "InvalidImageDigest")
                        .put("failureReason", "An expired image is restored by its imageDigest");
                continue;
            }
            Optional<RestoreOutcome> outcome = lifecycle().restore(name, asked.digest(), call.caller().arn().toString());
            if (outcome.isEmpty()) {
                failures.addObject().<ObjectNode>set("imageId", id.deepCopy()).put("failureCode", "ImageNotFound")
                        .put("failureReason", "No expired image with this digest can be restored (never expired,"
                                + " already restored, or past its restore window)");
                continue;
            }
            RestoreOutcome o = outcome.get();
            for (var digest : o.restored()) {
                restored.addObject().put("imageDigest", digest.toString());
            }
            o.tags().stream().map(Tag::value).forEach(restoredTags::add);
            o.tagsInUse().forEach((tag, current) -> kept.addObject().put("imageTag", tag.value())
                    .put("imageDigest", current.toString()).put("reason", "the tag now names another image,"
                            + " which keeps it"));
        }
        return out;
    }
}
