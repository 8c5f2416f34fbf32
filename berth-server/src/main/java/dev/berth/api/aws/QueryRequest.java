package dev.berth.api.aws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parameters of an AWS Query-protocol call ({@code Action=...&Version=...&Name.member.1=...}), from the form
 * body or the query string. Accessors refuse missing or malformed values with {@code ValidationError}.
 */
public record QueryRequest(String action, String version, Map<String, String> params) {

    public static QueryRequest parse(String form) {
        Map<String, String> params = new LinkedHashMap<>();
        if (form != null && !form.isEmpty()) {
            for (String pair : form.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                params.putIfAbsent(key, value);
            }
        }
        return new QueryRequest(params.getOrDefault("Action", ""), params.getOrDefault("Version", ""), Map.copyOf(params));
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw AwsApiException.validation("malformed form encoding");
        }
    }

    public String required(String name) {
        String v = params.get(name);
        if (v == null || v.isEmpty()) {
            throw new AwsApiException("ValidationError", 400,
                    "1 validation error detected: Value null at '" + lowerFirst(name) + "' failed to satisfy constraint: "
                            + "Member must not be null");
        }
        return v;
    }

    /** The value, or null when absent. */
    public String optional(String name) {
        return params.get(name);
    }

    /** An integer parameter, or {@code fallback} when absent. */
    public int integer(String name, int fallback) {
        String v = params.get(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw AwsApiException.validation("Value '" + v + "' at '" + lowerFirst(name) + "' is not an integer");
        }
    }

    /** {@code Name.member.1}, {@code Name.member.2}, ... in index order; empty when none. */
    public List<String> list(String name) {
        String prefix = name + ".member.";
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        params.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                try {
                    byIndex.put(Integer.parseInt(k.substring(prefix.length())), v);
                } catch (NumberFormatException ignored) {
                    // not a list member of this name (e.g. Tags.member.1.Key): the caller reads those itself
                }
            }
        });
        return new ArrayList<>(byIndex.values());
    }

    /** {@code Tags.member.N.Key} / {@code .Value} pairs, in index order. */
    public Map<String, String> tags(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 1; params.containsKey(name + ".member." + i + ".Key"); i++) {
            out.put(params.get(name + ".member." + i + ".Key"), params.getOrDefault(name + ".member." + i + ".Value", ""));
        }
        return out;
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
