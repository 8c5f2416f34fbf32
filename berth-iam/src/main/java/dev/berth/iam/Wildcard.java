package dev.berth.iam;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A glob as IAM writes them: {@code *} matches any run of characters (including none and including {@code /} and
 * {@code :}), {@code ?} exactly one character, everything else itself, and the whole value must match. When compiled
 * with policy variables enabled (policy Version 2012-10-17), {@code ${key}} is replaced by the request's single value
 * for that condition key ({@code ${key, 'default'}} supplies a default), and {@code ${*}}, {@code ${?}},
 * {@code ${$}} stand for the literal characters; a substituted value is matched literally, never as a glob. A
 * variable without a value (key absent or multi-valued, and no default) makes the pattern match nothing.
 *
 * <p>Immutable and thread-safe. Matching runs in O(pattern × value) at worst, without recursion.
 */
public final class Wildcard {
    private static final int STAR = -1;
    private static final int QUESTION = -2;

    private final String text;
    private final List<Token> tokens;
    private final boolean ignoreCase;
    /** The compiled program when the pattern has no variables; null when it must be built per match. */
    private final int[] fixed;

    private sealed interface Token permits Literal, Any, One, Variable {}

    private record Literal(String text) implements Token {}

    private record Any() implements Token {}

    private record One() implements Token {}

    private record Variable(String key, String fallback) implements Token {}

    private Wildcard(String text, List<Token> tokens, boolean ignoreCase) {
        this.text = text;
        this.tokens = List.copyOf(tokens);
        this.ignoreCase = ignoreCase;
        boolean hasVariables = tokens.stream().anyMatch(t -> t instanceof Variable);
        this.fixed = hasVariables ? null : program(key -> Optional.empty()).orElseThrow();
    }

    /** Compiles {@code pattern}; {@code variables} turns on {@code ${...}} substitution. */
    public static Wildcard compile(String pattern, boolean variables, boolean ignoreCase) {
        return parse(pattern, variables, ignoreCase, true);
    }

    /**
     * Compiles a value in which {@code *} and {@code ?} stand for themselves but policy variables are still
     * substituted when {@code variables} is on: the equality operators with a {@code ${...}} in their value.
     */
    public static Wildcard literal(String pattern, boolean variables, boolean ignoreCase) {
        return parse(pattern, variables, ignoreCase, false);
    }

    private static Wildcard parse(String pattern, boolean variables, boolean ignoreCase, boolean globs) {
        List<Token> tokens = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            int close = variables && c == '$' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '{'
                    ? pattern.indexOf('}', i + 2) : -1;
            if (close > 0) {
                String inside = pattern.substring(i + 2, close).trim();
                if (inside.equals("*") || inside.equals("?") || inside.equals("$")) {
                    literal.append(inside);
                } else {
                    flush(literal, tokens);
                    tokens.add(variable(inside));
                }
                i = close + 1;
                continue;
            }
            if (globs && (c == '*' || c == '?')) {
                flush(literal, tokens);
                tokens.add(c == '*' ? new Any() : new One());
            } else {
                literal.append(c);
            }
            i++;
        }
        flush(literal, tokens);
        return new Wildcard(pattern, tokens, ignoreCase);
    }

    private static Variable variable(String inside) {
        int comma = inside.indexOf(',');
        if (comma < 0) {
            return new Variable(inside, null);
        }
        String fallback = inside.substring(comma + 1).trim();
        if (fallback.length() >= 2 && fallback.startsWith("'") && fallback.endsWith("'")) {
            fallback = fallback.substring(1, fallback.length() - 1);
        }
        return new Variable(inside.substring(0, comma).trim(), fallback);
    }

    private static void flush(StringBuilder literal, List<Token> tokens) {
        if (!literal.isEmpty()) {
            tokens.add(new Literal(literal.toString()));
            literal.setLength(0);
        }
    }

    /** True when this pattern contains a {@code *} or {@code ?} outside any variable. */
    public boolean hasWildcards() {
        return tokens.stream().anyMatch(t -> t instanceof Any || t instanceof One);
    }

    /** Matches without variables: a pattern that has any can then match nothing. */
    public boolean matches(String value) {
        return matches(value, key -> Optional.empty());
    }

    /**
     * @param variables the value of a condition key for {@code ${key}}, empty when it has none (keys are looked up
     *     as written in the pattern; the resolver decides case-sensitivity)
     */
    public boolean matches(String value, Function<String, Optional<String>> variables) {
        if (fixed != null) {
            return glob(fixed, value);
        }
        return program(variables).map(p -> glob(p, value)).orElse(false);
    }

    /** The pattern as code points and STAR/QUESTION markers; empty when a variable has no value. */
    private Optional<int[]> program(Function<String, Optional<String>> variables) {
        List<int[]> parts = new ArrayList<>();
        for (Token token : tokens) {
            switch (token) {
                case Literal l -> parts.add(l.text().chars().toArray());
                case Any a -> parts.add(new int[] {STAR});
                case One o -> parts.add(new int[] {QUESTION});
                case Variable v -> {
                    Optional<String> resolved = variables.apply(v.key()).or(() -> Optional.ofNullable(v.fallback()));
                    if (resolved.isEmpty()) {
                        return Optional.empty();
                    }
                    parts.add(resolved.get().chars().toArray());
                }
            }
        }
        return Optional.of(parts.stream().flatMapToInt(Arrays::stream).toArray());
    }

    private boolean glob(int[] p, String v) {
        int pi = 0;
        int vi = 0;
        int starAt = -1;
        int resumeAt = 0;
        while (vi < v.length()) {
            if (pi < p.length && (p[pi] == QUESTION || (p[pi] >= 0 && same(p[pi], v.charAt(vi))))) {
                pi++;
                vi++;
            } else if (pi < p.length && p[pi] == STAR) {
                starAt = pi++;
                resumeAt = vi;
            } else if (starAt >= 0) {
                pi = starAt + 1;
                vi = ++resumeAt;
            } else {
                return false;
            }
        }
        while (pi < p.length && p[pi] == STAR) {
            pi++;
        }
        return pi == p.length;
    }

    private boolean same(int a, char b) {
        return a == b || (ignoreCase && Character.toLowerCase((char) a) == Character.toLowerCase(b));
    }

    @Override
    public String toString() {
        return text;
    }
}
