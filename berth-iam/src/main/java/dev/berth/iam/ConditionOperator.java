package dev.berth.iam;

import java.util.Locale;

/**
 * A condition operator as written in a policy: an optional set qualifier ({@code ForAnyValue:} or
 * {@code ForAllValues:}), a function ({@code StringLike}, {@code NumericLessThan}...) and an optional
 * {@code IfExists} suffix. Names are matched case-insensitively. {@code Null} takes neither qualifier nor suffix.
 */
public record ConditionOperator(Qualifier qualifier, ConditionFunction function, boolean ifExists) {
    private static final String IF_EXISTS = "IfExists";

    /** How the request's values of a multi-valued key are combined. */
    public enum Qualifier {
        /** No prefix: positive operators need one matching value, negated operators need every value to pass. */
        NONE(""),
        /** At least one request value must pass; an absent or empty key fails. */
        FOR_ANY_VALUE("ForAnyValue:"),
        /** Every request value must pass; an absent or empty key passes. */
        FOR_ALL_VALUES("ForAllValues:");

        private final String prefix;

        Qualifier(String prefix) {
            this.prefix = prefix;
        }
    }

    /**
     * Parses an operator name.
     *
     * @throws MalformedPolicyDocumentException naming the operator when it is unknown or ill-formed
     */
    public static ConditionOperator parse(String name) {
        String rest = name;
        Qualifier qualifier = Qualifier.NONE;
        for (Qualifier q : new Qualifier[] {Qualifier.FOR_ANY_VALUE, Qualifier.FOR_ALL_VALUES}) {
            if (rest.regionMatches(true, 0, q.prefix, 0, q.prefix.length())) {
                qualifier = q;
                rest = rest.substring(q.prefix.length());
                break;
            }
        }
        boolean ifExists = rest.toLowerCase(Locale.ROOT).endsWith(IF_EXISTS.toLowerCase(Locale.ROOT))
                && ConditionFunction.byName(rest).isEmpty();
        if (ifExists) {
            rest = rest.substring(0, rest.length() - IF_EXISTS.length());
        }
        ConditionFunction function = ConditionFunction.byName(rest)
                .orElseThrow(() -> new MalformedPolicyDocumentException("Unknown condition operator '" + name + "'"));
        if (function == ConditionFunction.NULL && (ifExists || qualifier != Qualifier.NONE)) {
            throw new MalformedPolicyDocumentException(
                    "Condition operator '" + name + "': Null takes no ForAnyValue/ForAllValues prefix and no IfExists");
        }
        return new ConditionOperator(qualifier, function, ifExists);
    }

    @Override
    public String toString() {
        return qualifier.prefix + function.text() + (ifExists ? IF_EXISTS : "");
    }
}
