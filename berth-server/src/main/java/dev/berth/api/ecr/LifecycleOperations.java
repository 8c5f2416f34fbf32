package dev.berth.api.ecr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.aws.AwsJson;
import dev.berth.lifecycle.Decision;
import dev.berth.lifecycle.InvalidLifecyclePolicyException;
import dev.berth.lifecycle.LifecyclePolicy;
import dev.berth.metadata.LifecyclePreview;
import dev.berth.metadata.StoredLifecyclePolicy;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;
import dev.berth.registry.lifecycle.LifecycleEvaluation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Lifecycle policies (spec §2.3, §3): Put/Get/DeleteLifecyclePolicy, StartLifecyclePolicyPreview and
 * GetLifecyclePolicyPreview. A policy is accepted only if {@link LifecyclePolicy#parse} accepts it, and is stored and
 * returned verbatim. A preview is computed synchronously, within StartLifecyclePolicyPreview, by the same
 * {@link LifecycleEvaluator} a run will use, over every image of the repository read in one consistent read; it is
 * stored as the repository's latest preview (a new one replaces it) and changes nothing else. So Start answers
 * {@code COMPLETE} (the model allows it; ECR itself answers {@code IN_PROGRESS} and finishes later), and
 * {@code LifecyclePolicyPreviewInProgressException} never occurs. The evaluation is
 * {@link dev.berth.registry.lifecycle.LifecycleService#evaluate}, the one a run executes.
 */
final class LifecycleOperations {
    static final int MIN_POLICY_LENGTH = 100;
    static final int MAX_POLICY_LENGTH = 30720;
    private static final List<String> TAG_STATUS = List.of("TAGGED", "UNTAGGED", "ANY");
    private static final int DEFAULT_PAGE = 100;
    /**
     * Berth's extension member of the preview's {@code summary}: the bytes the expiring images free once deleted,
     * after deduplication (SDKs and the aws CLI ignore members their model does not know).
     */
    static final String RECLAIMABLE_BYTES = "berthReclaimableBytes";

    private final EcrContext ctx;

    LifecycleOperations(EcrContext ctx) {
        this.ctx = ctx;
    }

    Map<String, EcrOperation> operations() {
        return Map.of("PutLifecyclePolicy", this::put,
                "GetLifecyclePolicy", this::get,
                "DeleteLifecyclePolicy", this::delete,
                "StartLifecyclePolicyPreview", this::startPreview,
                "GetLifecyclePolicyPreview", this::getPreview);
    }

    /** The member's text, parsed as the engine will use it; InvalidParameterException naming the problem. */
    private static String validPolicy(String text) {
        try {
            LifecyclePolicy.parse(text);
        } catch (InvalidLifecyclePolicyException e) {
            throw EcrErrors.invalidParameter(e.ecrMessage());
        }
        return text;
    }

    private static java.util.Optional<String> policyText(EcrInput in) {
        return in.string("lifecyclePolicyText", MIN_POLICY_LENGTH, MAX_POLICY_LENGTH);
    }

    private JsonNode put(EcrCall call) {
        EcrInput in = call.input();
        RepositoryName name = in.repositoryName();
        in.registryId(ctx.accountId());
        String text = validPolicy(policyText(in).orElseThrow(() ->
                EcrErrors.validation("lifecyclePolicyText", null, "Member must not be null")));
        ctx.authorize(call, "PutLifecyclePolicy", name);
        if (!ctx.store().putLifecyclePolicy(name, text, ctx.clock().instant())) {
            throw EcrErrors.repositoryNotFound(name, ctx.accountId());
        }
        return base(name).put("lifecyclePolicyText", text);
    }

    private JsonNode get(EcrCall call) {
        EcrInput in = call.input();
        RepositoryName name = in.repositoryName();
        in.registryId(ctx.accountId());
        ctx.authorize(call, "GetLifecyclePolicy", name);
        ctx.requireRepository(name);
        return policy(name, ctx.store().lifecyclePolicy(name).orElseThrow(() -> policyNotFound(name)));
    }

    private JsonNode delete(EcrCall call) {
        EcrInput in = call.input();
        RepositoryName name = in.repositoryName();
        in.registryId(ctx.accountId());
        ctx.authorize(call, "DeleteLifecyclePolicy", name);
        ctx.requireRepository(name);
        return policy(name, ctx.store().deleteLifecyclePolicy(name).orElseThrow(() -> policyNotFound(name)));
    }

    private ObjectNode policy(RepositoryName name, StoredLifecyclePolicy stored) {
        ObjectNode out = base(name).put("lifecyclePolicyText", stored.text());
        stored.lastEvaluated().ifPresent(at -> out.put("lastEvaluatedAt", AwsJson.timestamp(at)));
        return out;
    }

    private ObjectNode base(RepositoryName name) {
        return AwsJson.object().put("registryId", ctx.accountId()).put("repositoryName", name.value());
    }

    private JsonNode startPreview(EcrCall call) {
        EcrInput in = call.input();
        RepositoryName name = in.repositoryName();
        in.registryId(ctx.accountId());
        java.util.Optional<String> given = policyText(in).map(LifecycleOperations::validPolicy);
        ctx.authorize(call, "StartLifecyclePolicyPreview", name);
        ctx.requireRepository(name);
        String text = given.orElseGet(() -> ctx.store().lifecyclePolicy(name).map(StoredLifecyclePolicy::text)
                .orElseThrow(() -> policyNotFound(name)));
        Instant now = ctx.clock().instant();
        String status = "COMPLETE";
        ArrayNode results = AwsJson.MAPPER.createArrayNode();
        long reclaimable = 0;
        try {
            // The very evaluation a run makes (LifecycleService.run): same images read, same evaluator.
            LifecycleEvaluation evaluation = ctx.lifecycle().evaluate(name, text, now);
            evaluation.expiring().forEach(d -> results.add(result(d)));
            reclaimable = ctx.lifecycle().reclaimableBytes(name, evaluation);
        } catch (IllegalArgumentException e) {
            // The stored manifests' links form a cycle: nothing can be decided safely.
            status = "FAILED";
            results.removeAll();
        }
        ObjectNode stored = AwsJson.object().put(RECLAIMABLE_BYTES, reclaimable);
        stored.set("results", results);
        ctx.store().putLifecyclePreview(name, new LifecyclePreview(text, status, stored.toString(), now));
        return base(name).put("lifecyclePolicyText", text).put("status", status);
    }

    /** {@code LifecyclePolicyPreviewResult} of an expiring decision. */
    private static ObjectNode result(Decision d) {
        ObjectNode r = AwsJson.object();
        ArrayNode tags = r.putArray("imageTags");
        d.image().tags().stream().map(Tag::value).forEach(tags::add);
        r.put("imageDigest", d.image().digest().toString())
                .put("imagePushedAt", AwsJson.timestamp(d.image().pushedAt()));
        r.putObject("action").put("type", "EXPIRE");
        OptionalInt priority = d.appliedRulePriority();
        priority.ifPresent(p -> r.put("appliedRulePriority", p));
        return r;
    }

    private JsonNode getPreview(EcrCall call) {
        EcrInput in = call.input();
        RepositoryName name = in.repositoryName();
        in.registryId(ctx.accountId());
        int limit = Math.toIntExact(in.number("maxResults", 1, 100).orElse((long) DEFAULT_PAGE));
        String after = PageTokens.decode("GetLifecyclePolicyPreview", in.string("nextToken").orElse(null));
        EcrInput filter = in.object("filter");
        String tagStatus = filter == null ? "ANY" : filter.enumeration("tagStatus", TAG_STATUS).orElse("ANY");
        List<ImageIds> asked = new ArrayList<>();
        if (in.has("imageIds")) {
            for (JsonNode id : in.requiredList("imageIds", 1, 100)) {
                try {
                    asked.add(ImageIds.parse(id));
                } catch (ImageIds.Failure f) {
                    throw EcrErrors.invalidParameter(f.getMessage());
                }
            }
        }
        ctx.authorize(call, "GetLifecyclePolicyPreview", name);
        ctx.requireRepository(name);
        LifecyclePreview preview = ctx.store().lifecyclePreview(name).orElseThrow(() -> EcrErrors.of(
                "LifecyclePolicyPreviewNotFoundException", "Lifecycle policy preview does not exist for the"
                        + " repository with name '" + name + "' in the registry with id '" + ctx.accountId() + "'"));
        List<JsonNode> all = new ArrayList<>();
        JsonNode stored;
        try {
            stored = AwsJson.MAPPER.readTree(preview.resultsJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored preview of " + name + " is not JSON", e);
        }
        // Previews stored before the byte count was added are a bare array of results.
        (stored.isArray() ? stored : stored.path("results")).forEach(all::add);
        all.sort(Comparator.comparing(r -> r.path("imageDigest").asText()));
        List<JsonNode> selected = all.stream()
                .filter(r -> after == null || r.path("imageDigest").asText().compareTo(after) > 0)
                .filter(r -> matchesStatus(r, tagStatus))
                .filter(r -> asked.isEmpty() || asked.stream().anyMatch(id -> matches(r, id)))
                .toList();
        ObjectNode out = base(name).put("lifecyclePolicyText", preview.policyText()).put("status", preview.status());
        ArrayNode results = out.putArray("previewResults");
        selected.stream().limit(limit).forEach(results::add);
        if (selected.size() > limit) {
            out.put("nextToken", PageTokens.encode("GetLifecyclePolicyPreview",
                    selected.get(limit - 1).path("imageDigest").asText()));
        }
        ObjectNode summary = out.putObject("summary").put("expiringImageTotalCount", all.size());
        if (stored.has(RECLAIMABLE_BYTES)) {
            summary.put(RECLAIMABLE_BYTES, stored.get(RECLAIMABLE_BYTES).asLong());
        }
        return out;
    }

    private static boolean matchesStatus(JsonNode result, String tagStatus) {
        boolean tagged = !result.path("imageTags").isEmpty();
        return switch (tagStatus) {
            case "TAGGED" -> tagged;
            case "UNTAGGED" -> !tagged;
            default -> true;
        };
    }

    private static boolean matches(JsonNode result, ImageIds id) {
        if (id.digest() != null && !id.digest().toString().equals(result.path("imageDigest").asText())) {
            return false;
        }
        if (id.tag() == null) {
            return true;
        }
        for (JsonNode t : result.path("imageTags")) {
            if (t.asText().equals(id.tag().value())) {
                return true;
            }
        }
        return false;
    }

    private RuntimeException policyNotFound(RepositoryName name) {
        return EcrErrors.of("LifecyclePolicyNotFoundException", "Lifecycle policy does not exist for the repository"
                + " with name '" + name + "' in the registry with id '" + ctx.accountId() + "'");
    }
}
