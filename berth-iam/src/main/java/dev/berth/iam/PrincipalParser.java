package dev.berth.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code Principal}/{@code NotPrincipal} element: {@code "*"} or a map from {@code AWS}, {@code Federated} or
 * {@code Service} to a string or a list of strings.
 */
final class PrincipalParser {
    private PrincipalParser() {}

    static Principals parse(JsonNode node, boolean negated, String where) {
        String field = negated ? "NotPrincipal" : "Principal";
        if (node.isTextual()) {
            if (!node.asText().equals("*")) {
                throw PolicyParser.malformed("Invalid principal in policy: " + field + " must be \"*\" or a map of "
                        + "principal types", where);
            }
            return negated ? wrap(true, List.of(new Principals.Entry(Principals.Type.AWS, "*")), where)
                    : Principals.everyone();
        }
        if (!node.isObject() || node.isEmpty()) {
            throw PolicyParser.malformed("Invalid principal in policy: " + field + " must be \"*\" or a map of "
                    + "principal types", where);
        }
        List<Principals.Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Principals.Type type = switch (e.getKey()) {
                case "AWS" -> Principals.Type.AWS;
                case "Federated" -> Principals.Type.FEDERATED;
                case "Service" -> Principals.Type.SERVICE;
                case "CanonicalUser" -> throw PolicyParser.malformed(
                        "Invalid principal in policy: CanonicalUser principals are not supported", where);
                default -> throw PolicyParser.malformed(
                        "Invalid principal in policy: unknown principal type " + e.getKey(), where);
            };
            List<String> values = PolicyParser.strings(e.getValue(), field + "." + e.getKey(), where);
            if (values.isEmpty()) {
                throw PolicyParser.malformed(field + "." + e.getKey() + " is empty", where);
            }
            values.forEach(v -> entries.add(new Principals.Entry(type, v)));
        }
        return wrap(negated, entries, where);
    }

    private static Principals wrap(boolean negated, List<Principals.Entry> entries, String where) {
        try {
            return Principals.of(negated, entries);
        } catch (MalformedPolicyDocumentException e) {
            throw PolicyParser.malformed(e.getMessage(), where);
        }
    }
}
