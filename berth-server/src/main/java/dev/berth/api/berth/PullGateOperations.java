package dev.berth.api.berth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.aws.AwsApiException;
import dev.berth.api.aws.AwsJson;
import dev.berth.metadata.PullGateSettings;
import dev.berth.oci.InvalidReferenceException;
import dev.berth.oci.RepositoryName;
import dev.berth.registry.RegistryException;
import dev.berth.registry.RepositoryService;
import dev.berth.registry.scan.PullGate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The pull gate's operations on {@link BerthApi} ({@code Berth_20261122.PutPullGate}, {@code GetPullGate},
 * {@code DeletePullGate}; authorized as {@code berth:PutPullGate} and so on; ECR's error shapes). The gate itself is
 * {@link PullGate}; docs/scanning.md describes both.
 */
public final class PullGateOperations {
    static final List<String> SEVERITIES = List.of("INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL");
    private static final Pattern ADVISORY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{1,127}");
    private static final int MAX_ALLOWED = 1000;

    private final PullGate gate;
    private final RepositoryService repositories;
    private final String accountId;
    private final Clock clock;

    public PullGateOperations(PullGate gate, RepositoryService repositories, String accountId, Clock clock) {
        this.gate = gate;
        this.repositories = repositories;
        this.accountId = accountId;
        this.clock = clock;
    }

    /** Adds the operations to the Berth API. */
    public BerthApi registerWith(BerthApi api) {
        return api.with("PutPullGate", (input, caller, ip) -> put(input))
                .with("GetPullGate", (input, caller, ip) -> get(input))
                .with("DeletePullGate", (input, caller, ip) -> delete(input));
    }

    private JsonNode put(JsonNode input) {
        RepositoryName name = repository(input);
        Optional<String> severity = optionalText(input, "minimumSeverity");
        if (severity.isPresent() && !SEVERITIES.contains(severity.get())) {
            throw validation("minimumSeverity", severity.get(), "Member must satisfy enum value set: " + SEVERITIES);
        }
        JsonNode require = input.path("requireScan");
        if (!require.isMissingNode() && !require.isNull() && !require.isBoolean()) {
            throw validation("requireScan", require.asText(), "Member must be a boolean");
        }
        boolean requireScan = require.asBoolean(false);
        List<String> allowed = new ArrayList<>();
        JsonNode ids = input.path("allowedFindingIds");
        if (!ids.isMissingNode() && !ids.isNull()) {
            if (!ids.isArray() || ids.size() > MAX_ALLOWED) {
                throw validation("allowedFindingIds", null, "Member must be a list of at most " + MAX_ALLOWED
                        + " advisory ids");
            }
            for (JsonNode id : ids) {
                if (!id.isTextual() || !ADVISORY_ID.matcher(id.asText()).matches()) {
                    throw invalidParameter("Invalid parameter at 'allowedFindingIds' failed to satisfy constraint: '"
                            + id.asText() + "' is not an advisory id such as CVE-2021-44228 or GHSA-jfh8-c2jp-5v3q");
                }
                allowed.add(id.asText());
            }
        }
        if (severity.isEmpty() && !requireScan) {
            throw invalidParameter("A pull gate needs minimumSeverity, requireScan or both; DeletePullGate removes"
                    + " a gate");
        }
        requireRepository(name);
        PullGateSettings settings = new PullGateSettings(severity, requireScan, List.copyOf(new LinkedHashSet<>(allowed)),
                clock.instant());
        if (!gate.put(name, settings)) {
            throw repositoryNotFound(name);
        }
        return answer(name, settings);
    }

    private JsonNode get(JsonNode input) {
        RepositoryName name = repository(input);
        requireRepository(name);
        return answer(name, gate.settingsNow(name).orElseThrow(() -> notFound(name)));
    }

    private JsonNode delete(JsonNode input) {
        RepositoryName name = repository(input);
        requireRepository(name);
        PullGateSettings settings = gate.settingsNow(name).orElseThrow(() -> notFound(name));
        gate.delete(name);
        return answer(name, settings);
    }

    private ObjectNode answer(RepositoryName name, PullGateSettings settings) {
        ObjectNode out = AwsJson.object().put("registryId", accountId).put("repositoryName", name.value());
        ObjectNode g = out.putObject("pullGate");
        settings.minSeverity().ifPresent(s -> g.put("minimumSeverity", s));
        g.put("requireScan", settings.requireScan());
        ArrayNode ids = g.putArray("allowedFindingIds");
        settings.allowedIds().forEach(ids::add);
        g.put("updatedAt", AwsJson.timestamp(settings.updatedAt()));
        return out;
    }

    private static RepositoryName repository(JsonNode input) {
        String text = optionalText(input, "repositoryName").orElseThrow(() ->
                validation("repositoryName", null, "Member must not be null"));
        try {
            return RepositoryName.parse(text);
        } catch (InvalidReferenceException e) {
            throw invalidParameter("Invalid parameter at 'repositoryName' failed to satisfy constraint: '"
                    + e.getMessage() + "'");
        }
    }

    private void requireRepository(RepositoryName name) {
        try {
            repositories.describe(name);
        } catch (RegistryException e) {
            throw repositoryNotFound(name);
        }
    }

    private static Optional<String> optionalText(JsonNode input, String member) {
        JsonNode n = input.path(member);
        if (n.isMissingNode() || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isTextual()) {
            throw validation(member, n.toString(), "Member must be a string");
        }
        return Optional.of(n.asText());
    }

    private AwsApiException repositoryNotFound(RepositoryName name) {
        return new AwsApiException("RepositoryNotFoundException", 400, "The repository with name '" + name
                + "' does not exist in the registry with id '" + accountId + "'");
    }

    private AwsApiException notFound(RepositoryName name) {
        return new AwsApiException("PullGateNotFoundException", 400, "No pull gate is set for the repository with"
                + " name '" + name + "' in the registry with id '" + accountId + "'");
    }

    private static AwsApiException invalidParameter(String message) {
        return new AwsApiException("InvalidParameterException", 400, message);
    }

    private static AwsApiException validation(String member, Object value, String constraint) {
        return new AwsApiException("ValidationException", 400, "1 validation error detected: Value "
                + (value == null ? "null" : "'" + value + "'") + " at '" + member + "' failed to satisfy constraint: "
                + constraint);
    }
}
