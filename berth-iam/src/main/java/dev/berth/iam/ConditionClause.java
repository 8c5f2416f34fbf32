package dev.berth.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One key under one operator, {@code "StringLike": {"token.actions.githubusercontent.com:sub": ["repo:a/*", ...]}}:
 * true when the request's values for the key satisfy the operator against any of the policy values. Rules, as AWS
 * documents them:
 *
 * <ul>
 *   <li>key absent (or empty): {@code IfExists} → true; {@code ForAllValues:} → true; {@code ForAnyValue:} →
 *       false; otherwise a negated operator ({@code StringNotEquals}, {@code NotIpAddress}...) → true and a positive
 *       one → false. {@code Null} tests presence itself: {@code "true"} wants the key absent, {@code "false"} present.
 *   <li>one request value: a positive operator holds when the value matches some policy value; a negated operator
 *       holds when it matches none.
 *   <li>several request values: without a qualifier a positive operator needs one passing value and a negated one
 *       needs all of them to pass; {@code ForAnyValue:} needs one, {@code ForAllValues:} needs all.
 * </ul>
 *
 * A request value of the wrong type for a numeric, date, boolean or IP operator passes nothing. Immutable.
 */
public final class ConditionClause {
    private final ConditionOperator operator;
    private final String key;
    private final List<String> values;
    private final List<ConditionFunction.ValueTest> tests;

    /**
     * @param variables whether {@code ${...}} in values is substituted (policy Version 2012-10-17)
     * @throws MalformedPolicyDocumentException when a value does not suit the operator
     */
    ConditionClause(ConditionOperator operator, String key, List<String> values, boolean variables) {
        if (values.isEmpty()) {
            throw new MalformedPolicyDocumentException(
                    "Condition " + operator + " on key '" + key + "' has no values");
        }
        this.operator = operator;
        this.key = key;
        this.values = List.copyOf(values);
        List<ConditionFunction.ValueTest> compiled = new ArrayList<>();
        for (String value : values) {
            try {
                compiled.add(operator.function().compile(value, variables));
            } catch (IllegalArgumentException e) {
                throw new MalformedPolicyDocumentException(
                        "Condition " + operator + " on key '" + key + "': " + e.getMessage());
            }
        }
        this.tests = List.copyOf(compiled);
    }

    public ConditionOperator operator() {
        return operator;
    }

    /** The key as written in the policy (compared case-insensitively). */
    public String key() {
        return key;
    }

    /** The policy values as written (numbers and booleans in their JSON text). */
    public List<String> values() {
        return values;
    }

    /** Whether the request satisfies this clause. */
    public boolean evaluate(RequestContext context) {
        ConditionFunction function = operator.function();
        List<String> present = context.values(key);
        if (function == ConditionFunction.NULL) {
            boolean absent = present.isEmpty();
            return values.stream().anyMatch(v -> ConditionFunction.bool(v).orElseThrow() == absent);
        }
        if (present.isEmpty()) {
            return switch (operator.qualifier()) {
                case FOR_ALL_VALUES -> true;
                case FOR_ANY_VALUE -> operator.ifExists();
                case NONE -> operator.ifExists() || function.negated();
            };
        }
        Predicate<String> passes = v -> function.comparable(v) && (function.negated() != matchesAny(v, context));
        return switch (operator.qualifier()) {
            case FOR_ANY_VALUE -> present.stream().anyMatch(passes);
            case FOR_ALL_VALUES -> present.stream().allMatch(passes);
            case NONE -> function.negated() ? present.stream().allMatch(passes) : present.stream().anyMatch(passes);
        };
    }

    private boolean matchesAny(String requestValue, RequestContext context) {
        for (ConditionFunction.ValueTest test : tests) {
            if (test.test(requestValue, context)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return operator + " " + key + " " + values;
    }
}
