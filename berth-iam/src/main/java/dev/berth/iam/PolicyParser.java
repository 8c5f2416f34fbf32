package dev.berth.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads IAM JSON policy text into a {@link Policy}, enforcing the grammar and the rules of its {@link PolicyKind}.
 * Every refusal is a {@link MalformedPolicyDocumentException}; where AWS has a well-known wording for the problem the
 * message uses it, followed by the statement it was found in. Duplicate JSON keys and trailing content are refused
 * rather than silently resolved. Thread-safe.
 */
final class PolicyParser {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final Set<String> POLICY_FIELDS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_FIELDS = Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action",
            "NotAction", "Resource", "NotResource", "Condition");
    private static final Pattern IAM_SID = Pattern.compile("[0-9A-Za-z]*");

    private PolicyParser() {}

    static Policy parse(PolicyKind kind, String name, String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedPolicyDocumentException("Syntax errors in policy: the document is empty");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedPolicyDocumentException("Syntax errors in policy: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedPolicyDocumentException("Syntax errors in policy: the document must be a JSON object");
        }
        unknownFields(root, POLICY_FIELDS, "");
        PolicyVersion version = PolicyVersion.V2008_10_17;
        if (root.has("Version")) {
            JsonNode v = root.get("Version");
            version = (v.isTextual() ? PolicyVersion.byText(v.asText()) : Optional.<PolicyVersion>empty())
                    .orElseThrow(() -> new MalformedPolicyDocumentException("The policy must contain a valid version "
                            + "string: " + v + " is not 2012-10-17 or 2008-10-17"));
        }
        String id = root.has("Id") ? text(root.get("Id"), "Id", "") : "";
        JsonNode statementNode = root.get("Statement");
        if (statementNode == null || statementNode.isNull()) {
            throw new MalformedPolicyDocumentException("Missing required field Statement");
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (statementNode.isArray()) {
            statementNode.forEach(nodes::add);
        } else {
            nodes.add(statementNode);
        }
        if (nodes.isEmpty()) {
            throw new MalformedPolicyDocumentException("Statement must contain at least one statement");
        }
        List<Statement> statements = new ArrayList<>();
        Set<String> sids = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            Statement s = statement(nodes.get(i), i, kind, version);
            if (!s.sid().isEmpty() && !sids.add(s.sid()) && kind != PolicyKind.RESOURCE) {
                throw new MalformedPolicyDocumentException(
                        "Statement IDs (SID) in a single policy must be unique: " + s.sid());
            }
            statements.add(s);
        }
        return new Policy(kind, name, version, id, statements);
    }

    private static Statement statement(JsonNode node, int index, PolicyKind kind, PolicyVersion version) {
        String where = "statement " + index;
        if (!node.isObject()) {
            throw new MalformedPolicyDocumentException("Syntax errors in policy: " + where + " is not a JSON object");
        }
        String sid = node.has("Sid") ? text(node.get("Sid"), "Sid", where) : "";
        if (!sid.isEmpty()) {
            where += " (Sid " + sid + ")";
        }
        if (kind == PolicyKind.IDENTITY && !IAM_SID.matcher(sid).matches()) {
            throw malformed("Statement IDs (SID) must be alpha-numeric", where);
        }
        unknownFields(node, STATEMENT_FIELDS, where);
        Effect effect = effect(node.get("Effect"), where);
        Principals principals = principals(node, kind, where);
        Actions actions = actions(node, kind, where);
        Resources resources = resources(node, kind, version, where);
        Condition condition = node.has("Condition")
                ? condition(node.get("Condition"), version, where) : Condition.NONE;
        return new Statement(index, sid, effect, principals, actions, resources, condition);
    }

    private static Effect effect(JsonNode node, String where) {
        if (node == null) {
            throw malformed("Missing required field Effect", where);
        }
        String text = text(node, "Effect", where);
        for (Effect e : Effect.values()) {
            if (e.text().equals(text)) {
                return e;
            }
        }
        throw malformed("Invalid effect: " + text + " (must be Allow or Deny)", where);
    }

    private static Principals principals(JsonNode node, PolicyKind kind, String where) {
        JsonNode p = node.get("Principal");
        JsonNode np = node.get("NotPrincipal");
        if (p != null && np != null) {
            throw malformed("Statement cannot have both Principal and NotPrincipal", where);
        }
        if (p == null && np == null) {
            if (kind != PolicyKind.IDENTITY) {
                throw malformed("Missing required field Principal", where);
            }
            return Principals.ABSENT;
        }
        if (kind == PolicyKind.IDENTITY) {
            throw malformed("Policy document should not specify a principal.", where);
        }
        boolean negated = p == null;
        return PrincipalParser.parse(negated ? np : p, negated, where);
    }

    private static Actions actions(JsonNode node, PolicyKind kind, String where) {
        JsonNode a = node.get("Action");
        JsonNode na = node.get("NotAction");
        if (a != null && na != null) {
            throw malformed("Statement cannot have both Action and NotAction", where);
        }
        if (a == null && na == null) {
            throw malformed("Policy statement must contain actions.", where);
        }
        List<String> patterns = strings(a != null ? a : na, a != null ? "Action" : "NotAction", where);
        if (kind == PolicyKind.TRUST && a != null
                && patterns.stream().anyMatch(x -> !x.equals("*") && !x.regionMatches(true, 0, "sts:", 0, 4))) {
            throw malformed("AssumeRole policy may only specify STS AssumeRole actions.", where);
        }
        try {
            return Actions.of(na != null, patterns);
        } catch (MalformedPolicyDocumentException e) {
            throw malformed(e.getMessage(), where);
        }
    }

    private static Resources resources(JsonNode node, PolicyKind kind, PolicyVersion version, String where) {
        JsonNode r = node.get("Resource");
        JsonNode nr = node.get("NotResource");
        if (r != null && nr != null) {
            throw malformed("Statement cannot have both Resource and NotResource", where);
        }
        if (r == null && nr == null) {
            if (kind == PolicyKind.IDENTITY) {
                throw malformed("Policy statement must contain resources.", where);
            }
            return Resources.IMPLICIT;
        }
        String field = r != null ? "Resource" : "NotResource";
        if (kind == PolicyKind.TRUST) {
            throw malformed("Has prohibited field " + field, where);
        }
        try {
            return Resources.of(nr != null, strings(r != null ? r : nr, field, where), version.variables());
        } catch (MalformedPolicyDocumentException e) {
            throw malformed(e.getMessage(), where);
        }
    }

    private static Condition condition(JsonNode node, PolicyVersion version, String where) {
        if (!node.isObject()) {
            throw malformed("Condition must be a JSON object of operators", where);
        }
        List<ConditionClause> clauses = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> ops = node.fields(); ops.hasNext(); ) {
            Map.Entry<String, JsonNode> op = ops.next();
            ConditionOperator operator;
            try {
                operator = ConditionOperator.parse(op.getKey());
            } catch (MalformedPolicyDocumentException e) {
                throw malformed(e.getMessage(), where);
            }
            if (!op.getValue().isObject() || op.getValue().isEmpty()) {
                throw malformed("Condition operator " + op.getKey() + " must map condition keys to values", where);
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                int colon = key.getKey().indexOf(':');
                if (colon <= 0 || colon == key.getKey().length() - 1) {
                    throw malformed("Condition key '" + key.getKey()
                            + "' must be prefaced by a vendor, e.g. aws:SourceIp", where);
                }
                try {
                    clauses.add(new ConditionClause(operator, key.getKey(),
                            conditionValues(key.getValue(), operator, key.getKey(), where), version.variables()));
                } catch (MalformedPolicyDocumentException e) {
                    throw malformed(e.getMessage(), where);
                }
            }
        }
        return new Condition(clauses);
    }

    private static List<String> conditionValues(JsonNode node, ConditionOperator op, String key, String where) {
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : items) {
            if (!(item.isTextual() || item.isNumber() || item.isBoolean())) {
                throw malformed("Condition " + op + " on key '" + key
                        + "' must have a string, number or boolean value or a list of them", where);
            }
            out.add(item.isBigDecimal() ? item.decimalValue().toPlainString() : item.asText());
        }
        return out;
    }

    /** A string, or a non-empty array of strings. */
    static List<String> strings(JsonNode node, String field, String where) {
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        if (!node.isArray()) {
            throw malformed(field + " must be a string or a list of strings", where);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw malformed(field + " must be a string or a list of strings", where);
            }
            out.add(item.asText());
        }
        return out;
    }

    private static String text(JsonNode node, String field, String where) {
        if (!node.isTextual()) {
            throw malformed(field + " must be a string", where);
        }
        return node.asText();
    }

    private static void unknownFields(JsonNode node, Set<String> allowed, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw malformed("Syntax errors in policy: unknown field " + name, where);
            }
        }
    }

    static MalformedPolicyDocumentException malformed(String problem, String where) {
        return new MalformedPolicyDocumentException(where.isEmpty() ? problem : problem + " [" + where + "]");
    }
}
