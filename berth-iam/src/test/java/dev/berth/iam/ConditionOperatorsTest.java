package dev.berth.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every condition operator, with its negative, IfExists and set-qualified forms. Each row is: operator, the policy's
 * values (JSON), the request's values for the key (null = key absent), and whether the condition holds.
 */
class ConditionOperatorsTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private static Arguments row(String operator, String policyValues, List<String> request, boolean expected) {
        return Arguments.of(operator, policyValues, request, expected);
    }

    private static List<String> v(String... values) {
        return List.of(values);
    }

    static Stream<Arguments> strings() {
        return Stream.of(
                row("StringEquals", "\"abc\"", v("abc"), true),
                row("StringEquals", "\"abc\"", v("ABC"), false),
                row("StringEquals", "\"abc\"", null, false),
                row("StringEquals", "[\"a\", \"b\"]", v("b"), true),
                row("StringEquals", "[\"a\", \"b\"]", v("c"), false),
                row("StringEquals", "\"abc\"", v("x", "abc"), true),
                row("StringEquals", "\"a*\"", v("abc"), false),
                row("StringEquals", "\"a*\"", v("a*"), true),
                row("StringNotEquals", "\"abc\"", v("abc"), false),
                row("StringNotEquals", "\"abc\"", v("xyz"), true),
                row("StringNotEquals", "\"abc\"", null, true),
                row("StringNotEquals", "[\"a\", \"b\"]", v("b"), false),
                row("StringNotEquals", "\"a\"", v("b", "a"), false),
                row("StringNotEquals", "\"a\"", v("b", "c"), true),
                row("StringEqualsIgnoreCase", "\"AbC\"", v("aBc"), true),
                row("StringEqualsIgnoreCase", "\"AbC\"", v("abd"), false),
                row("StringEqualsIgnoreCase", "\"AbC\"", null, false),
                row("StringNotEqualsIgnoreCase", "\"AbC\"", v("abc"), false),
                row("StringNotEqualsIgnoreCase", "\"AbC\"", v("abd"), true),
                row("StringNotEqualsIgnoreCase", "\"AbC\"", null, true),
                row("StringLike", "\"repo:org/app:*\"", v("repo:org/app:ref:refs/heads/main"), true),
                row("StringLike", "\"repo:org/app:*\"", v("repo:org/app-evil:ref:refs/heads/main"), false),
                row("StringLike", "\"v?.*\"", v("v1.2"), true),
                row("StringLike", "\"v?.*\"", v("v10.2"), false),
                row("StringLike", "\"V*\"", v("v1"), false),
                row("StringLike", "[\"pr-*\", \"v*\"]", v("v2"), true),
                row("StringLike", "\"*\"", null, false),
                row("StringNotLike", "\"pr-*\"", v("pr-12"), false),
                row("StringNotLike", "\"pr-*\"", v("v1"), true),
                row("StringNotLike", "\"pr-*\"", null, true),
                row("StringNotLike", "[\"pr-*\", \"dev-*\"]", v("dev-1"), false),
                row("StringEqualsIfExists", "\"abc\"", null, true),
                row("StringEqualsIfExists", "\"abc\"", v("abc"), true),
                row("StringEqualsIfExists", "\"abc\"", v("abd"), false),
                row("StringNotEqualsIfExists", "\"abc\"", v("abc"), false),
                row("StringLikeIfExists", "\"v*\"", null, true),
                row("StringLikeIfExists", "\"v*\"", v("pr-1"), false),
                row("StringNotLikeIfExists", "\"v*\"", null, true),
                row("StringEqualsIgnoreCaseIfExists", "\"A\"", v("a"), true),
                row("BinaryEquals", "\"QmVydGg=\"", v("QmVydGg="), true),
                row("BinaryEquals", "\"QmVydGg=\"", v("eA=="), false),
                row("stringequals", "\"abc\"", v("abc"), true));
    }

    static Stream<Arguments> numbers() {
        return Stream.of(
                row("NumericEquals", "\"10\"", v("10"), true),
                row("NumericEquals", "10", v("10.0"), true),
                row("NumericEquals", "\"10\"", v("11"), false),
                row("NumericEquals", "\"10\"", v("ten"), false),
                row("NumericEquals", "\"10\"", null, false),
                row("NumericEquals", "[1, 2, 3]", v("2"), true),
                row("NumericNotEquals", "\"10\"", v("11"), true),
                row("NumericNotEquals", "\"10\"", v("10"), false),
                row("NumericNotEquals", "\"10\"", v("ten"), false),
                row("NumericNotEquals", "\"10\"", null, true),
                row("NumericLessThan", "\"10\"", v("9.5"), true),
                row("NumericLessThan", "\"10\"", v("10"), false),
                row("NumericLessThan", "\"10\"", v("-20"), true),
                row("NumericLessThanEquals", "\"10\"", v("10"), true),
                row("NumericLessThanEquals", "\"10\"", v("11"), false),
                row("NumericGreaterThan", "\"10\"", v("11"), true),
                row("NumericGreaterThan", "\"10\"", v("10"), false),
                row("NumericGreaterThanEquals", "\"10\"", v("10"), true),
                row("NumericGreaterThanEquals", "\"10\"", v("9"), false),
                row("NumericGreaterThanEquals", "1.5", v("1.50"), true),
                row("NumericLessThanIfExists", "\"10\"", null, true),
                row("NumericLessThanIfExists", "\"10\"", v("12"), false));
    }

    static Stream<Arguments> dates() {
        return Stream.of(
                row("DateEquals", "\"2026-01-01T00:00:00Z\"", v("2026-01-01T00:00:00Z"), true),
                row("DateEquals", "\"2026-01-01T00:00:00Z\"", v("1767225600"), true),
                row("DateEquals", "1767225600", v("2026-01-01T00:00:00Z"), true),
                row("DateEquals", "\"2026-01-01T00:00:00Z\"", v("2026-01-01T01:00:00+01:00"), true),
                row("DateEquals", "\"2026-01-01T00:00:00Z\"", v("2026-01-01T01:00:00+0100"), true),
                row("DateEquals", "\"2026-01-01T00:00:00Z\"", v("2026-01-01"), true),
                row("DateEquals", "\"2026-01-01T00:00:00.000Z\"", v("2026-01-01T00:00:00Z"), true),
                row("DateEquals", "\"2026-01-01T00:00:00Z\"", v("2026-01-02T00:00:00Z"), false),
                row("DateEquals", "\"2026-01-01T00:00:00Z\"", v("yesterday"), false),
                row("DateEquals", "\"2026-01-01T00:00:00Z\"", null, false),
                row("DateNotEquals", "\"2026-01-01T00:00:00Z\"", v("2026-01-02T00:00:00Z"), true),
                row("DateNotEquals", "\"2026-01-01T00:00:00Z\"", v("2026-01-01T00:00:00Z"), false),
                row("DateNotEquals", "\"2026-01-01T00:00:00Z\"", null, true),
                row("DateLessThan", "\"2026-01-01T00:00:00Z\"", v("2025-12-31T23:59:59Z"), true),
                row("DateLessThan", "\"2026-01-01T00:00:00Z\"", v("2026-01-01T00:00:00Z"), false),
                row("DateLessThanEquals", "\"2026-01-01T00:00:00Z\"", v("2026-01-01T00:00:00Z"), true),
                row("DateLessThanEquals", "\"2026-01-01T00:00:00Z\"", v("2026-01-01T00:00:01Z"), false),
                row("DateGreaterThan", "\"1767225600\"", v("2026-06-01T00:00:00Z"), true),
                row("DateGreaterThan", "\"1767225600\"", v("2025-06-01"), false),
                row("DateGreaterThanEquals", "\"2026-01-01\"", v("2026-01-01T00:00:00Z"), true),
                row("DateGreaterThanEquals", "\"2026-01-01\"", v("2025-12-31T23:59:59.999Z"), false),
                row("DateLessThanIfExists", "\"2026-01-01T00:00:00Z\"", null, true));
    }

    static Stream<Arguments> others() {
        return Stream.of(
                row("Bool", "\"true\"", v("true"), true),
                row("Bool", "\"true\"", v("TRUE"), true),
                row("Bool", "true", v("true"), true),
                row("Bool", "\"true\"", v("false"), false),
                row("Bool", "\"false\"", v("false"), true),
                row("Bool", "\"true\"", v("yes"), false),
                row("Bool", "\"true\"", null, false),
                row("BoolIfExists", "\"true\"", null, true),
                row("BoolIfExists", "\"true\"", v("false"), false),
                row("Null", "\"true\"", null, true),
                row("Null", "\"true\"", v("x"), false),
                row("Null", "\"false\"", v("x"), true),
                row("Null", "\"false\"", null, false),
                row("Null", "true", null, true),
                row("IpAddress", "\"203.0.113.0/24\"", v("203.0.113.7"), true),
                row("IpAddress", "\"203.0.113.0/24\"", v("203.0.114.1"), false),
                row("IpAddress", "[\"10.0.0.0/8\", \"2001:db8::/32\"]", v("2001:db8:1::5"), true),
                row("IpAddress", "\"2001:db8::/32\"", v("2001:db9::1"), false),
                row("IpAddress", "\"203.0.113.5\"", v("203.0.113.5"), true),
                row("IpAddress", "\"203.0.113.0/24\"", v("::ffff:203.0.113.9"), true),
                row("IpAddress", "\"203.0.113.0/24\"", v("not-an-ip"), false),
                row("IpAddress", "\"203.0.113.0/24\"", null, false),
                row("NotIpAddress", "\"10.0.0.0/8\"", v("10.1.2.3"), false),
                row("NotIpAddress", "\"10.0.0.0/8\"", v("192.168.0.1"), true),
                row("NotIpAddress", "\"10.0.0.0/8\"", v("not-an-ip"), false),
                row("NotIpAddress", "\"10.0.0.0/8\"", null, true),
                row("IpAddressIfExists", "\"10.0.0.0/8\"", null, true),
                row("ArnEquals", "\"arn:aws:iam::123456789012:role/ci\"", v("arn:aws:iam::123456789012:role/ci"), true),
                row("ArnEquals", "\"arn:aws:iam::123456789012:role/ci\"", v("arn:aws:iam::123456789012:role/cd"), false),
                row("ArnEquals", "\"arn:aws:iam::*:role/ci\"", v("arn:aws:iam::123456789012:role/ci"), true),
                row("ArnLike", "\"arn:aws:iam::*:role/ci-*\"", v("arn:aws:iam::123456789012:role/ci-push"), true),
                row("ArnLike", "\"arn:aws:iam::*:role/ci-*\"", v("arn:aws:iam::123456789012:user/ci-push"), false),
                row("ArnLike", "\"arn:aws:iam::*:role/ci-*\"", v("not-an-arn"), false),
                row("ArnLike", "\"arn:aws:ecr:*:123456789012:repository/team/*\"",
                        v("arn:aws:ecr:eu-west-1:123456789012:repository/team/app/sub"), true),
                row("ArnLike", "\"arn:aws:iam::*:role/ci\"", null, false),
                row("ArnNotEquals", "\"arn:aws:iam::123456789012:role/ci\"", v("arn:aws:iam::123456789012:role/cd"), true),
                row("ArnNotEquals", "\"arn:aws:iam::123456789012:role/ci\"", v("arn:aws:iam::123456789012:role/ci"), false),
                row("ArnNotEquals", "\"arn:aws:iam::123456789012:role/ci\"", null, true),
                row("ArnNotLike", "\"arn:aws:iam::*:role/ci-*\"", v("arn:aws:iam::123456789012:role/ci-push"), false),
                row("ArnNotLike", "\"arn:aws:iam::*:role/ci-*\"", v("arn:aws:iam::123456789012:role/ops"), true),
                row("ArnNotLike", "\"arn:aws:iam::*:role/ci-*\"", null, true),
                row("ArnLikeIfExists", "\"arn:aws:iam::*:role/ci-*\"", null, true));
    }

    static Stream<Arguments> setQualifiers() {
        return Stream.of(
                row("ForAnyValue:StringEquals", "[\"a\", \"b\"]", v("c", "b"), true),
                row("ForAnyValue:StringEquals", "[\"a\", \"b\"]", v("c", "d"), false),
                row("ForAnyValue:StringEquals", "[\"a\", \"b\"]", null, false),
                row("ForAnyValue:StringEqualsIfExists", "[\"a\"]", null, true),
                row("ForAnyValue:StringEqualsIfExists", "[\"a\"]", v("b"), false),
                row("ForAllValues:StringEquals", "[\"a\", \"b\"]", v("a", "b"), true),
                row("ForAllValues:StringEquals", "[\"a\", \"b\"]", v("a", "c"), false),
                row("ForAllValues:StringEquals", "[\"a\", \"b\"]", null, true),
                row("ForAllValues:StringEqualsIfExists", "[\"a\"]", v("a"), true),
                row("ForAnyValue:StringLike", "\"pr-*\"", v("v1", "pr-3"), true),
                row("ForAllValues:StringLike", "[\"v*\", \"latest\"]", v("v1", "latest"), true),
                row("ForAllValues:StringLike", "[\"v*\", \"latest\"]", v("v1", "pr-1"), false),
                row("ForAnyValue:StringNotEquals", "\"a\"", v("a", "b"), true),
                row("ForAnyValue:StringNotEquals", "\"a\"", v("a"), false),
                row("ForAllValues:StringNotEquals", "\"a\"", v("b", "c"), true),
                row("ForAllValues:StringNotEquals", "\"a\"", v("a", "b"), false),
                row("ForAllValues:NumericLessThan", "\"10\"", v("1", "2"), true),
                row("ForAllValues:NumericLessThan", "\"10\"", v("1", "20"), false),
                row("ForAnyValue:IpAddress", "\"10.0.0.0/8\"", v("192.0.2.1", "10.0.0.1"), true),
                row("ForAnyValue:DateGreaterThan", "\"2026-01-01\"", v("2025-01-01", "2027-01-01"), true),
                row("ForAllValues:ArnLike", "\"arn:aws:iam::*:role/*\"",
                        v("arn:aws:iam::123456789012:role/a", "arn:aws:iam::123456789012:user/b"), false),
                row("forallvalues:stringequals", "[\"a\"]", v("a"), true));
    }

    static Stream<Arguments> all() {
        return Stream.of(strings(), numbers(), dates(), others(), setQualifiers()).flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0} {1} vs {2} = {3}")
    @MethodSource("all")
    void operator(String operator, String policyValues, List<String> request, boolean expected) {
        Policy policy = Policy.parse(PolicyKind.IDENTITY, """
                {"Version": "2012-10-17",
                 "Statement": {"Effect": "Allow", "Action": "ecr:PutImage", "Resource": "*",
                               "Condition": {"%s": {"Test:Key": %s}}}}""".formatted(operator, policyValues));
        RequestContext.Builder ctx = RequestContext.builder(
                Caller.of(Arn.parse("arn:aws:iam::123456789012:user/alice")), "ecr:PutImage", NOW);
        if (request != null) {
            ctx.key("test:KEY", request);
        }
        Decision decision = PolicyEvaluator.evaluate(ctx.build(), List.of(policy), List.of());
        assertThat(decision.allowed()).as(decision.reason()).isEqualTo(expected);
    }
}
