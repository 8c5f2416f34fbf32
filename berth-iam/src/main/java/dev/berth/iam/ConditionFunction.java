package dev.berth.iam;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The condition operators without their {@code ForAnyValue:}/{@code ForAllValues:} prefix and {@code IfExists}
 * suffix. Each compiles one policy value into a {@link ValueTest} in the positive sense (a negated operator such as
 * {@code StringNotEquals} compiles the test of its positive twin; {@link ConditionClause} negates). Policy values are
 * checked when the policy is parsed, so a bad number, date, CIDR or boolean is a malformed document, never an
 * evaluation-time surprise. The compiling and testing methods are internal to the engine.
 */
public enum ConditionFunction {
    STRING_EQUALS("StringEquals", Family.STRING, false),
    STRING_NOT_EQUALS("StringNotEquals", Family.STRING, true),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", Family.STRING_IGNORE_CASE, false),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", Family.STRING_IGNORE_CASE, true),
    STRING_LIKE("StringLike", Family.STRING_LIKE, false),
    STRING_NOT_LIKE("StringNotLike", Family.STRING_LIKE, true),
    NUMERIC_EQUALS("NumericEquals", Family.NUMERIC, false),
    NUMERIC_NOT_EQUALS("NumericNotEquals", Family.NUMERIC, true),
    NUMERIC_LESS_THAN("NumericLessThan", Family.NUMERIC, false),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Family.NUMERIC, false),
    NUMERIC_GREATER_THAN("NumericGreaterThan", Family.NUMERIC, false),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Family.NUMERIC, false),
    DATE_EQUALS("DateEquals", Family.DATE, false),
    DATE_NOT_EQUALS("DateNotEquals", Family.DATE, true),
    DATE_LESS_THAN("DateLessThan", Family.DATE, false),
    DATE_LESS_THAN_EQUALS("DateLessThanEquals", Family.DATE, false),
    DATE_GREATER_THAN("DateGreaterThan", Family.DATE, false),
    DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", Family.DATE, false),
    BOOL("Bool", Family.BOOL, false),
    BINARY_EQUALS("BinaryEquals", Family.STRING, false),
    IP_ADDRESS("IpAddress", Family.IP, false),
    NOT_IP_ADDRESS("NotIpAddress", Family.IP, true),
    ARN_EQUALS("ArnEquals", Family.ARN, false),
    ARN_LIKE("ArnLike", Family.ARN, false),
    ARN_NOT_EQUALS("ArnNotEquals", Family.ARN, true),
    ARN_NOT_LIKE("ArnNotLike", Family.ARN, true),
    NULL("Null", Family.NULL, false);

    private enum Family { STRING, STRING_IGNORE_CASE, STRING_LIKE, NUMERIC, DATE, BOOL, IP, ARN, NULL }

    /** One policy value, ready to test request values against. */
    @FunctionalInterface
    interface ValueTest {
        boolean test(String requestValue, RequestContext context);
    }

    private final String text;
    private final Family family;
    private final boolean negated;

    ConditionFunction(String text, Family family, boolean negated) {
        this.text = text;
        this.family = family;
        this.negated = negated;
    }

    /** The operator as AWS spells it. */
    String text() {
        return text;
    }

    /** True for the operators that hold when the request value matches none of the policy values. */
    boolean negated() {
        return negated;
    }

    /** The function named {@code name} (case-insensitive), if any. */
    static Optional<ConditionFunction> byName(String name) {
        for (ConditionFunction f : values()) {
            if (f.text.equalsIgnoreCase(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a request value can be compared at all: numbers, dates, booleans and IP addresses that do not parse
     * satisfy no operator of their family, negated or not.
     */
    boolean comparable(String requestValue) {
        return switch (family) {
            case NUMERIC -> number(requestValue).isPresent();
            case DATE -> DateValues.parse(requestValue).isPresent();
            case BOOL -> bool(requestValue).isPresent();
            case IP -> IpRange.isAddress(requestValue);
            default -> true;
        };
    }

    /**
     * Compiles a policy value; {@code variables} enables {@code ${...}} in string and ARN values.
     *
     * @throws IllegalArgumentException naming the problem when the value does not suit the operator
     */
    ValueTest compile(String policyValue, boolean variables) {
        return switch (family) {
            case STRING -> equalsTest(policyValue, variables, false);
            case STRING_IGNORE_CASE -> equalsTest(policyValue, variables, true);
            case STRING_LIKE -> {
                Wildcard w = Wildcard.compile(policyValue, variables, false);
                yield (v, ctx) -> w.matches(v, ctx::variable);
            }
            case NUMERIC -> {
                BigDecimal p = number(policyValue).orElseThrow(() -> bad(policyValue, "a number"));
                yield (v, ctx) -> number(v).map(n -> compares(n.compareTo(p))).orElse(false);
            }
            case DATE -> {
                Instant p = DateValues.parse(policyValue)
                        .orElseThrow(() -> bad(policyValue, "an ISO-8601 date or epoch seconds"));
                yield (v, ctx) -> DateValues.parse(v).map(d -> compares(d.compareTo(p))).orElse(false);
            }
            case BOOL -> {
                boolean p = bool(policyValue).orElseThrow(() -> bad(policyValue, "true or false"));
                yield (v, ctx) -> bool(v).map(b -> b == p).orElse(false);
            }
            case IP -> {
                IpRange range = IpRange.parse(policyValue)
                        .orElseThrow(() -> bad(policyValue, "an IP address or CIDR block"));
                yield (v, ctx) -> range.contains(v);
            }
            case ARN -> {
                ArnPattern pattern = ArnPattern.compile(policyValue, variables);
                yield (v, ctx) -> pattern.matches(v, ctx::variable);
            }
            case NULL -> {
                bool(policyValue).orElseThrow(() -> bad(policyValue, "true or false"));
                yield (v, ctx) -> false;
            }
        };
    }

    private static ValueTest equalsTest(String policyValue, boolean variables, boolean ignoreCase) {
        if (!variables || !policyValue.contains("${")) {
            return ignoreCase ? (v, ctx) -> v.equalsIgnoreCase(policyValue) : (v, ctx) -> v.equals(policyValue);
        }
        Wildcard w = Wildcard.literal(policyValue, true, ignoreCase);
        return (v, ctx) -> w.matches(v, ctx::variable);
    }

    private boolean compares(int order) {
        return switch (this) {
            case NUMERIC_LESS_THAN, DATE_LESS_THAN -> order < 0;
            case NUMERIC_LESS_THAN_EQUALS, DATE_LESS_THAN_EQUALS -> order <= 0;
            case NUMERIC_GREATER_THAN, DATE_GREATER_THAN -> order > 0;
            case NUMERIC_GREATER_THAN_EQUALS, DATE_GREATER_THAN_EQUALS -> order >= 0;
            default -> order == 0;
        };
    }

    private static Optional<BigDecimal> number(String text) {
        try {
            return Optional.of(new BigDecimal(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code true}/{@code false} in any case. */
    static Optional<Boolean> bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    private IllegalArgumentException bad(String value, String expected) {
        return new IllegalArgumentException(text + " value '" + value + "' is not " + expected);
    }
}
