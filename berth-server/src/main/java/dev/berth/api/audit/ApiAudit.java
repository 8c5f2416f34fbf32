package dev.berth.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.auth.Principal;
import dev.berth.metadata.AuditEvent;
import dev.berth.registry.audit.AuditTrail;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * Turns the API calls that change something into audit events: who (the caller's ARN, and for a CI session the
 * identity token's claims — repository, ref, workflow), what (the API action and its parameters, minus payloads),
 * on which repository, from where. Reads are not recorded. The edges call it after a call succeeded.
 */
public final class ApiAudit {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Read-only operation name prefixes (ECR, IAM and Berth's own API). */
    private static final Set<String> READ_PREFIXES = Set.of("Describe", "List", "Get", "BatchGet", "BatchCheck");
    /** Calls that are steps of an upload, recorded by the upload's completion instead. */
    private static final Set<String> UPLOAD_STEPS = Set.of("InitiateLayerUpload", "UploadLayerPart");
    /** Input members that are payloads (bytes, whole manifests), not parameters worth keeping. */
    private static final Set<String> PAYLOADS = Set.of("layerPartBlob", "imageManifest");
    private static final int MAX_PARAMETER_TEXT = 2048;

    private final AuditTrail trail;
    private final Clock clock;

    public ApiAudit(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    /** Whether an AWS-style operation changes state (and so is audited). */
    public static boolean changes(String operation) {
        return READ_PREFIXES.stream().noneMatch(operation::startsWith) && !UPLOAD_STEPS.contains(operation);
    }

    /** An AWS JSON call ({@code service} is the action prefix: "ecr", "berth"). */
    public void jsonCall(Principal caller, String service, String operation, JsonNode input, String sourceIp,
                         String requestId) {
        if (!changes(operation)) {
            return;
        }
        ObjectNode parameters = JSON.createObjectNode();
        input.fields().forEachRemaining(field -> {
            if (!PAYLOADS.contains(field.getKey())) {
                parameters.set(field.getKey(), bounded(field.getValue()));
            }
        });
        String repository = input.path("repositoryName").isTextual() ? input.path("repositoryName").asText() : null;
        String target = input.path("imageTag").isTextual() ? input.path("imageTag").asText()
                : input.path("imageDigest").isTextual() ? input.path("imageDigest").asText() : null;
        record(caller, service + ":" + operation, repository, target, sourceIp, requestId, parameters);
    }

    /** An AWS Query call (IAM): its form parameters but the action. */
    public void queryCall(Principal caller, String service, String action, Map<String, String> form, String sourceIp,
                          String requestId) {
        if (!changes(action)) {
            return;
        }
        ObjectNode parameters = JSON.createObjectNode();
        form.forEach((k, v) -> {
            if (!k.equals("Action") && !k.equals("Version")) {
                parameters.put(k, v.length() > MAX_PARAMETER_TEXT ? v.substring(0, MAX_PARAMETER_TEXT) + "…" : v);
            }
        });
        String target = form.getOrDefault("RoleName", form.getOrDefault("PolicyArn", form.get("OpenIDConnectProviderArn")));
        record(caller, service + ":" + action, null, target, sourceIp, requestId, parameters);
    }

    /** A registry (OCI Distribution) call, named by the ECR action it amounts to. */
    public void registryCall(Principal caller, String action, String repository, String target, String sourceIp) {
        ObjectNode parameters = JSON.createObjectNode().put("api", "oci-distribution");
        record(caller, action, repository, target, sourceIp, null, parameters);
    }

    private void record(Principal caller, String action, String repository, String target, String sourceIp,
                        String requestId, ObjectNode parameters) {
        ObjectNode detail = JSON.createObjectNode();
        detail.put("sourceIp", sourceIp);
        if (requestId != null) {
            detail.put("requestId", requestId);
        }
        if (caller != null) {
            detail.put("accessKeyId", caller.accessKeyId());
            if (!caller.claims().isEmpty()) {
                ObjectNode claims = detail.putObject("webIdentity");
                caller.claims().forEach(claims::put);
            }
        }
        detail.set("parameters", parameters);
        String actor = caller == null ? "anonymous" : caller.arn().toString();
        trail.record(AuditEvent.of(clock.instant(), actor, action, repository, target, detail.toString()));
    }

    private static JsonNode bounded(JsonNode value) {
        if (value.isTextual() && value.asText().length() > MAX_PARAMETER_TEXT) {
            return JSON.getNodeFactory().textNode(value.asText().substring(0, MAX_PARAMETER_TEXT) + "…");
        }
        return value;
    }
}
