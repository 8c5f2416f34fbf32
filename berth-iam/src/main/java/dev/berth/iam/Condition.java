package dev.berth.iam;

import java.util.List;

/**
 * A statement's {@code Condition} block: every clause must hold (operators AND-ed, keys under an operator AND-ed;
 * the values of one key are OR-ed inside the clause). An empty block always holds. Immutable.
 */
public record Condition(List<ConditionClause> clauses) {
    /** The block of a statement without {@code Condition}. */
    public static final Condition NONE = new Condition(List.of());

    public Condition {
        clauses = List.copyOf(clauses);
    }

    /** True when every clause holds for the request. */
    public boolean evaluate(RequestContext context) {
        for (ConditionClause clause : clauses) {
            if (!clause.evaluate(context)) {
                return false;
            }
        }
        return true;
    }
}
