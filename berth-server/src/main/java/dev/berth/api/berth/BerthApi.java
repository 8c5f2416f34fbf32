package dev.berth.api.berth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.aws.Access;
import dev.berth.api.aws.AwsApiException;
import dev.berth.api.aws.AwsJson;
import dev.berth.api.aws.JsonService;
import dev.berth.auth.Authorizer;
import dev.berth.auth.Principal;
import dev.berth.metadata.AuditEvent;
import dev.berth.metadata.AuditLog;
import dev.berth.registry.audit.AuditTrail;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Berth's own operations, for what ECR has no API for, on the same wire protocol as ECR (AWS JSON 1.1, SigV4 with
 * the {@code ecr} signing name) under their own target prefix {@value #TARGET_PREFIX}, so that no name can ever clash
 * with a future ECR operation. Each operation is authorized by the policy engine as {@code berth:<Operation>}
 * (root is always allowed; a role needs a policy statement naming the action), and refuses in ECR's error shapes.
 */
public final class BerthApi implements JsonService {
    public static final String TARGET_PREFIX = "Berth_20261122";
    private static final int MAX_RESULTS = 1000;

    /** One Berth operation: input in, output out. */
    @FunctionalInterface
    public interface Operation {
        JsonNode handle(JsonNode input, Principal caller, String sourceIp);
    }

    private final Authorizer authorizer;
    private final Map<String, Operation> operations = new HashMap<>();
    private final java.util.Set<String> scoped = new java.util.HashSet<>();

    public BerthApi(Authorizer authorizer, AuditLog auditLog, AuditTrail auditTrail) {
        this.authorizer = authorizer;
        operations.put("DescribeAuditEvents", (input, caller, ip) -> describeAuditEvents(input, caller, ip, auditLog,
                auditTrail));
    }

    /** Adds an operation (features register theirs when the server is wired). */
    public BerthApi with(String name, Operation operation) {
        if (operations.putIfAbsent(name, operation) != null) {
            throw new IllegalArgumentException("operation " + name + " is already registered");
        }
        return this;
    }

    /**
     * Adds an operation that acts on one resource (a repository) and authorizes {@code berth:<Operation>} itself,
     * against that resource's ARN and its resource policy, so that a grant can name the resource rather than "*".
     */
    public BerthApi withResourceScope(String name, Operation operation) {
        with(name, operation);
        scoped.add(name);
        return this;
    }

    @Override
    public String signingName() {
        return "ecr";
    }

    @Override
    public String actionPrefix() {
        return "berth";
    }

    @Override
    public String targetPrefix() {
        return TARGET_PREFIX;
    }

    @Override
    public JsonNode handle(String operation, JsonNode input, Principal caller, String sourceIp) {
        Operation op = operations.get(operation);
        if (op == null) {
            throw new AwsApiException("UnknownOperationException", 400, "operation " + operation + " is not supported");
        }
        if (!scoped.contains(operation)) {
            Access.require(authorizer, caller, actionPrefix() + ":" + operation, null, Map.of(), List.of(), sourceIp,
                    "AccessDeniedException");
        }
        return op.handle(input, caller, sourceIp);
    }

    private static JsonNode describeAuditEvents(JsonNode input, Principal caller, String sourceIp, AuditLog log,
                                                AuditTrail trail) {
        Optional<String> repository = text(input, "repositoryName");
        Optional<Instant> since = input.path("since").isNumber()
                ? Optional.of(Instant.ofEpochMilli(input.path("since").decimalValue().movePointRight(3).longValue()))
                : Optional.empty();
        int maxResults = input.path("maxResults").isMissingNode() ? 100 : input.path("maxResults").asInt(-1);
        if (maxResults < 1 || maxResults > MAX_RESULTS) {
            throw new AwsApiException("InvalidParameterException", 400,
                    "maxResults must be between 1 and " + MAX_RESULTS);
        }
        long before = 0;
        Optional<String> token = text(input, "nextToken");
        if (token.isPresent()) {
            try {
                before = Long.parseLong(token.get());
            } catch (NumberFormatException e) {
                throw new AwsApiException("InvalidParameterException", 400, "Invalid parameter at 'nextToken'");
            }
        }
        trail.flush(); // this node's latest events first
        List<AuditEvent> events = log.list(repository, since, before, maxResults + 1);
        ObjectNode out = AwsJson.object();
        ArrayNode list = out.putArray("auditEvents");
        for (AuditEvent e : events.subList(0, Math.min(events.size(), maxResults))) {
            ObjectNode item = list.addObject();
            item.put("eventId", String.valueOf(e.id()));
            item.put("eventTime", BigDecimal.valueOf(e.at().toEpochMilli()).movePointLeft(3));
            item.put("actor", e.actor());
            item.put("action", e.action());
            e.repository().ifPresent(r -> item.put("repositoryName", r));
            e.target().ifPresent(t -> item.put("target", t));
            try {
                item.set("detail", AwsJson.MAPPER.readTree(e.detail()));
            } catch (IOException notJson) {
                item.put("detail", e.detail());
            }
        }
        if (events.size() > maxResults) {
            out.put("nextToken", String.valueOf(events.get(maxResults - 1).id()));
        }
        return out;
    }

    private static Optional<String> text(JsonNode input, String member) {
        JsonNode n = input.path(member);
        return n.isTextual() && !n.asText().isEmpty() ? Optional.of(n.asText()) : Optional.empty();
    }
}
