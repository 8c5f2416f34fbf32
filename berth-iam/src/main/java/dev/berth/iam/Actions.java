package dev.berth.iam;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A statement's {@code Action} or {@code NotAction}: patterns {@code service:Name} or {@code *}, where the name may
 * hold {@code *} and {@code ?}; matched case-insensitively against the request's action. Immutable.
 */
public final class Actions {
    private static final Pattern SHAPE = Pattern.compile("\\*|[A-Za-z0-9-]+:[^:\\s]+");

    private final boolean negated;
    private final List<String> patterns;
    private final List<Wildcard> compiled;

    private Actions(boolean negated, List<String> patterns) {
        this.negated = negated;
        this.patterns = List.copyOf(patterns);
        this.compiled = patterns.stream().map(p -> Wildcard.compile(p, false, true)).toList();
    }

    /**
     * @throws MalformedPolicyDocumentException when the list is empty or an action lacks its service prefix
     */
    public static Actions of(boolean negated, List<String> patterns) {
        if (patterns.isEmpty()) {
            throw new MalformedPolicyDocumentException("Policy statement must contain actions.");
        }
        for (String p : patterns) {
            if (!SHAPE.matcher(p).matches()) {
                throw new MalformedPolicyDocumentException(
                        "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.: '" + p + "'");
            }
        }
        return new Actions(negated, patterns);
    }

    /** True for {@code NotAction}. */
    public boolean negated() {
        return negated;
    }

    /** The patterns as written. */
    public List<String> patterns() {
        return patterns;
    }

    /**
     * Whether the statement covers {@code action}: it matches some pattern ({@code Action}) or none
     * ({@code NotAction}).
     */
    public boolean covers(String action) {
        boolean any = compiled.stream().anyMatch(w -> w.matches(action));
        return any != negated;
    }
}
