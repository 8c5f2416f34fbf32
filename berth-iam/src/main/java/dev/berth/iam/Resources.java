package dev.berth.iam;

import java.util.List;

/**
 * A statement's {@code Resource} or {@code NotResource}: ARN patterns (see {@link ArnPattern}) or {@code *}, matched
 * case-sensitively against the request's resource ARN, or against {@code *} when the action has no resource-level
 * permissions. {@link #IMPLICIT} stands for an absent element in a resource or trust policy: the resource the policy
 * is attached to, so it covers every request that reaches the policy. Immutable.
 */
public final class Resources {
    /** No {@code Resource} element: covers the resource the policy belongs to. */
    public static final Resources IMPLICIT = new Resources(false, List.of(), List.of());

    private final boolean negated;
    private final List<String> patterns;
    private final List<ArnPattern> compiled;

    private Resources(boolean negated, List<String> patterns, List<ArnPattern> compiled) {
        this.negated = negated;
        this.patterns = List.copyOf(patterns);
        this.compiled = List.copyOf(compiled);
    }

    /**
     * @param variables whether {@code ${...}} is substituted (policy Version 2012-10-17)
     * @throws MalformedPolicyDocumentException when the list is empty or a pattern is blank
     */
    public static Resources of(boolean negated, List<String> patterns, boolean variables) {
        if (patterns.isEmpty()) {
            throw new MalformedPolicyDocumentException("Policy statement must contain resources.");
        }
        for (String p : patterns) {
            if (p.isBlank() || !(p.equals("*") || p.startsWith("arn:"))) {
                throw new MalformedPolicyDocumentException("Resource " + p + " must be in ARN format or \"*\".");
            }
        }
        return new Resources(negated, patterns, patterns.stream().map(p -> ArnPattern.compile(p, variables)).toList());
    }

    /** True for {@code NotResource}. */
    public boolean negated() {
        return negated;
    }

    /** The patterns as written; empty for {@link #IMPLICIT}. */
    public List<String> patterns() {
        return patterns;
    }

    /** Whether the statement covers the request's resource. */
    public boolean covers(RequestContext context) {
        if (compiled.isEmpty()) {
            return true;
        }
        String resource = context.resourceText();
        boolean any = compiled.stream().anyMatch(p -> p.matches(resource, context::variable));
        return any != negated;
    }
}
