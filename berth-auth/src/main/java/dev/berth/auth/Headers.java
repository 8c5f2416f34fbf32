package dev.berth.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The headers of a request: an immutable multimap whose names compare case-insensitively (ASCII). Each name keeps
 * its values in the order they were received, and a header that appeared on several lines has several values; this
 * class never splits a value on commas (SigV4 joins the values with commas itself). Thread-safe.
 */
public final class Headers {
    private static final Headers EMPTY = new Headers(Map.of());

    private final Map<String, List<String>> byLowerName;

    private Headers(Map<String, List<String>> byLowerName) {
        this.byLowerName = byLowerName;
    }

    /** No headers. */
    public static Headers empty() {
        return EMPTY;
    }

    /** Headers from a map of name to values (for example a servlet's or Jetty's header view). */
    public static Headers of(Map<String, ? extends List<String>> headers) {
        Builder b = builder();
        headers.forEach((name, values) -> values.forEach(v -> b.add(name, v)));
        return b.build();
    }

    /** Headers from alternating names and values: {@code of("Host", "example.com", "X-Amz-Date", "...")}. */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected name, value pairs; got " + namesAndValues.length + " strings");
        }
        Builder b = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The first value of {@code name}, if the header is present. */
    public Optional<String> first(String name) {
        List<String> values = byLowerName.get(lower(name));
        return values == null ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Every value of {@code name} in the order received; empty when absent. */
    public List<String> all(String name) {
        return byLowerName.getOrDefault(lower(name), List.of());
    }

    public boolean contains(String name) {
        return byLowerName.containsKey(lower(name));
    }

    /** The header names present, lower-cased. */
    public Set<String> names() {
        return byLowerName.keySet();
    }

    private static String lower(String name) {
        return Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers h && h.byLowerName.equals(byLowerName);
    }

    @Override
    public int hashCode() {
        return byLowerName.hashCode();
    }

    /** Lists only the header names: values may carry credentials ({@code Authorization}, security tokens). */
    @Override
    public String toString() {
        return "Headers" + byLowerName.keySet();
    }

    /** Collects headers; not thread-safe. */
    public static final class Builder {
        private final Map<String, List<String>> values = new LinkedHashMap<>();

        private Builder() {}

        /** Adds one value; {@code name} must be a non-empty token without whitespace or colons. */
        public Builder add(String name, String value) {
            Objects.requireNonNull(value, "value");
            String key = lower(name);
            if (key.isEmpty() || key.chars().anyMatch(c -> c <= ' ' || c == ':' || c >= 0x7f)) {
                throw new IllegalArgumentException("not a header name: '" + name + "'");
            }
            values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            return this;
        }

        public Headers build() {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            return new Headers(Collections.unmodifiableMap(copy));
        }
    }
}
