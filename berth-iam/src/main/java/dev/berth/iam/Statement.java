package dev.berth.iam;

import java.util.Objects;

/**
 * One statement of a policy. {@code index} is its position in the document (0-based) and {@code sid} its
 * {@code Sid}, empty when it has none. A statement applies to a request when its principal element matches the
 * caller, its actions cover the action, its resources cover the resource and its condition holds. Immutable.
 */
public record Statement(
        int index, String sid, Effect effect, Principals principals, Actions actions, Resources resources,
        Condition condition) {

    public Statement {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(principals, "principals");
        Objects.requireNonNull(actions, "actions");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(condition, "condition");
    }

    /**
     * How this statement applies to the request: {@link Principals.Match#NONE} when it does not, otherwise how its
     * principal element matched (always {@link Principals.Match#DIRECT} for identity-policy statements).
     */
    public Principals.Match applies(RequestContext context) {
        Principals.Match principal = principals.match(context.caller());
        if (principal == Principals.Match.NONE
                || !actions.covers(context.action())
                || !resources.covers(context)
                || !condition.evaluate(context)) {
            return Principals.Match.NONE;
        }
        return principal;
    }

    /** {@code Sid} when there is one, else {@code #index}: how explanations name the statement. */
    public String label() {
        return sid.isEmpty() ? "#" + index : sid;
    }
}
