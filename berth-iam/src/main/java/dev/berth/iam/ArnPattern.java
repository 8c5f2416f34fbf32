package dev.berth.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * An ARN pattern from a policy's {@code Resource}/{@code NotResource} or an {@code Arn*} condition: when it has the
 * six ARN parts, each part is matched on its own against the same part of the value ({@link Wildcard} rules, case
 * sensitive), so a {@code *} in the region cannot swallow a colon, while a {@code *} in the resource part spans
 * {@code /} and {@code :}. A pattern with fewer than six parts (such as {@code *}) is matched against the whole value.
 * Colons inside a policy variable ({@code ${aws:username}}) do not split parts.
 *
 * <p>Immutable and thread-safe.
 */
public final class ArnPattern {
    private static final int PARTS = 6;

    private final String text;
    private final List<Wildcard> parts;

    private ArnPattern(String text, List<Wildcard> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
    }

    /** Compiles a pattern; {@code variables} enables {@code ${...}} substitution (policy Version 2012-10-17). */
    public static ArnPattern compile(String pattern, boolean variables) {
        List<String> split = split(pattern, variables);
        if (split.size() < PARTS) {
            return new ArnPattern(pattern, List.of(Wildcard.compile(pattern, variables, false)));
        }
        List<Wildcard> parts = new ArrayList<>();
        for (String part : split) {
            parts.add(Wildcard.compile(part, variables, false));
        }
        return new ArnPattern(pattern, parts);
    }

    /** The text of the pattern as written in the policy. */
    public String text() {
        return text;
    }

    /** True when the value matches; {@code variables} resolves {@code ${key}} (see {@link Wildcard}). */
    public boolean matches(String value, Function<String, Optional<String>> variables) {
        if (parts.size() == 1) {
            return parts.getFirst().matches(value, variables);
        }
        String[] values = value.split(":", PARTS);
        if (values.length < PARTS) {
            return false;
        }
        for (int i = 0; i < PARTS; i++) {
            if (!parts.get(i).matches(values[i], variables)) {
                return false;
            }
        }
        return true;
    }

    /** Splits at the first five colons that are not inside a {@code ${...}} variable. */
    private static List<String> split(String pattern, boolean variables) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int depth = 0;
        for (int i = 0; i < pattern.length() && out.size() < PARTS - 1; i++) {
            char c = pattern.charAt(i);
            if (variables && c == '$' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '{') {
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
            } else if (c == ':' && depth == 0) {
                out.add(pattern.substring(start, i));
                start = i + 1;
            }
        }
        out.add(pattern.substring(start));
        return out;
    }

    @Override
    public String toString() {
        return text;
    }
}
