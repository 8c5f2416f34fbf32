package dev.berth.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * JSON-schema style checks of single policy nodes, refusing with the wording ECR's validator uses (spec §3.2):
 * {@code instance type (string) does not match any allowed primitive type (allowed: ["integer"])} and so on, each
 * located at {@code where}. Stateless.
 */
final class JsonChecks {
    private JsonChecks() {}

    static void object(JsonNode node, String where, List<String> allowed, List<String> required) {
        if (!node.isObject()) {
            throw wrongType(node, "object", where);
        }
        List<String> unknown = new ArrayList<>();
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            unknown.sort(null);
            throw new InvalidLifecyclePolicyException("object instance has properties which are not allowed by "
                    + "the schema: (" + jsonList(unknown) + ")", where);
        }
        List<String> missing = required.stream().filter(name -> !node.has(name)).sorted().toList();
        if (!missing.isEmpty()) {
            throw new InvalidLifecyclePolicyException(
                    "object has missing required properties (" + jsonList(missing) + ")", where);
        }
    }

    static String string(JsonNode node, String where) {
        if (!node.isTextual()) {
            throw wrongType(node, "string", where);
        }
        return node.textValue();
    }

    static <T> T enumValue(JsonNode node, String where, Function<String, T> lookup, String possible) {
        String text = string(node, where);
        T value = lookup.apply(text);
        if (value == null) {
            throw new InvalidLifecyclePolicyException("instance value (" + text + ") not found in enum "
                    + ":(possible values: [" + possible + "])", where);
        }
        return value;
    }

    static int integer(JsonNode node, String where, int minimum) {
        if (!node.isIntegralNumber()) {
            throw wrongType(node, "integer", where);
        }
        BigInteger value = node.bigIntegerValue();
        if (value.compareTo(BigInteger.valueOf(minimum)) < 0) {
            throw new InvalidLifecyclePolicyException("numeric instance is lower than the required minimum "
                    + "(minimum: " + minimum + ", found: " + value + ")", where);
        }
        if (value.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
            throw new InvalidLifecyclePolicyException("numeric instance is greater than the required maximum "
                    + "(maximum: " + Integer.MAX_VALUE + ", found: " + value + ")", where);
        }
        return value.intValueExact();
    }

    static List<String> strings(JsonNode node, String where) {
        if (!node.isArray()) {
            throw wrongType(node, "array", where);
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            values.add(string(node.get(i), where + "[" + i + "]"));
        }
        return values;
    }

    static InvalidLifecyclePolicyException wrongType(JsonNode node, String expected, String where) {
        return new InvalidLifecyclePolicyException("instance type (" + schemaType(node) + ") does not match any "
                + "allowed primitive type (allowed: [\"" + expected + "\"])", where);
    }

    private static String schemaType(JsonNode node) {
        if (node.isTextual()) {
            return "string";
        } else if (node.isIntegralNumber()) {
            return "integer";
        } else if (node.isNumber()) {
            return "number";
        } else if (node.isBoolean()) {
            return "boolean";
        } else if (node.isArray()) {
            return "array";
        } else if (node.isObject()) {
            return "object";
        }
        return "null";
    }

    private static String jsonList(List<String> names) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < names.size(); i++) {
            out.append(i == 0 ? "" : ",").append('"').append(names.get(i)).append('"');
        }
        return out.append(']').toString();
    }
}
