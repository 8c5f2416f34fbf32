package dev.berth.api.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.aws.AwsJson;
import dev.berth.metadata.PullGateSettings;
import dev.berth.oci.RepositoryName;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The pull gate, a Berth extension on the ECR JSON endpoint (same target prefix, SigV4, AWS JSON errors):
 * PutPullGate, GetPullGate and DeletePullGate, authorized as {@code ecr:PutPullGate}, {@code ecr:GetPullGate} and
 * {@code ecr:DeletePullGate} on the repository's ARN. AWS has no such operations; docs/scanning.md describes them.
 */
final class PullGateOperations {
    static final List<String> SEVERITIES = List.of("INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL");
    private static final Pattern ADVISORY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{1,127}");
    private static final int MAX_ALLOWED = 1000;

    private final EcrContext ctx;

    PullGateOperations(EcrContext ctx) {
        this.ctx = ctx;
    }

    Map<String, EcrOperation> operations() {
        return Map.of("PutPullGate", this::put, "GetPullGate", this::get, "DeletePullGate", this::delete);
    }

    private JsonNode put(EcrCall call) {
        EcrInput in = call.input();
        RepositoryName name = in.repositoryName();
        in.registryId(ctx.accountId());
        Optional<String> severity = in.enumeration("minimumSeverity", SEVERITIES);
        boolean requireScan = in.bool("requireScan").orElse(false);
        List<String> allowed = in.strings("allowedFindingIds");
        if (allowed.size() > MAX_ALLOWED) {
            throw EcrErrors.validation("allowedFindingIds", null, "Member must have length less than or equal to "
                    + MAX_ALLOWED);
        }
        for (String id : allowed) {
            if (!ADVISORY_ID.matcher(id).matches()) {
                throw EcrErrors.invalidParameter("Invalid parameter at 'allowedFindingIds' failed to satisfy"
                        + " constraint: '" + id + "' is not an advisory id (CVE-2021-44228, GHSA-…, …)'");
            }
        }
        if (severity.isEmpty() && !requireScan) {
            throw EcrErrors.invalidParameter("A pull gate needs minimumSeverity, requireScan or both;"
                    + " DeletePullGate removes a gate");
        }
        ctx.authorize(call, "PutPullGate", name);
        ctx.requireRepository(name);
        PullGateSettings settings = new PullGateSettings(severity, requireScan,
                List.copyOf(new LinkedHashSet<>(allowed)), ctx.clock().instant());
        if (!ctx.pullGate().put(name, settings)) {
            throw EcrErrors.repositoryNotFound(name, ctx.accountId());
        }
        return answer(name, settings);
    }

    private JsonNode get(EcrCall call) {
        EcrInput in = call.input();
        RepositoryName name = in.repositoryName();
        in.registryId(ctx.accountId());
        ctx.authorize(call, "GetPullGate", name);
        ctx.requireRepository(name);
        PullGateSettings settings = ctx.pullGate().settingsNow(name).orElseThrow(() -> notFound(name));
        return answer(name, settings);
    }

    private JsonNode delete(EcrCall call) {
        EcrInput in = call.input();
        RepositoryName name = in.repositoryName();
        in.registryId(ctx.accountId());
        ctx.authorize(call, "DeletePullGate", name);
        ctx.requireRepository(name);
        PullGateSettings settings = ctx.pullGate().settingsNow(name).orElseThrow(() -> notFound(name));
        ctx.pullGate().delete(name);
        return answer(name, settings);
    }

    private RuntimeException notFound(RepositoryName name) {
        return EcrErrors.of("PullGateNotFoundException", "No pull gate is set for the repository with name '" + name
                + "' in the registry with id '" + ctx.accountId() + "'");
    }

    private ObjectNode answer(RepositoryName name, PullGateSettings settings) {
        ObjectNode out = AwsJson.object().put("registryId", ctx.accountId()).put("repositoryName", name.value());
        ObjectNode gate = out.putObject("pullGate");
        settings.minSeverity().ifPresent(s -> gate.put("minimumSeverity", s));
        gate.put("requireScan", settings.requireScan());
        ArrayNode ids = gate.putArray("allowedFindingIds");
        settings.allowedIds().forEach(ids::add);
        gate.put("updatedAt", AwsJson.timestamp(settings.updatedAt()));
        return out;
    }
}
