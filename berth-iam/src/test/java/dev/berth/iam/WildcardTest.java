package dev.berth.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WildcardTest {
    private static final Map<String, String> VARS = Map.of("aws:username", "alice", "odd", "a*b");

    static Stream<Arguments> globs() {
        return Stream.of(
                Arguments.of("*", "", true),
                Arguments.of("*", "anything/at:all", true),
                Arguments.of("abc", "abc", true),
                Arguments.of("abc", "abcd", false),
                Arguments.of("abc", "ABC", false),
                Arguments.of("a*c", "ac", true),
                Arguments.of("a*c", "abbbc", true),
                Arguments.of("a*c", "abbbd", false),
                Arguments.of("a?c", "abc", true),
                Arguments.of("a?c", "ac", false),
                Arguments.of("a?c", "abbc", false),
                Arguments.of("*a*b*c*", "xxaxxbxxcxx", true),
                Arguments.of("*a*b*c*", "xxcxxbxxaxx", false),
                Arguments.of("repo:org/*", "repo:org/app:ref:refs/heads/main", true),
                Arguments.of("repo:org/app:*", "repo:org/app-evil:ref:refs/heads/main", false),
                Arguments.of("v*", "v", true),
                Arguments.of("**", "x", true),
                Arguments.of("a**?", "a", false),
                Arguments.of("a**?", "ab", true));
    }

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @MethodSource("globs")
    void globMatching(String pattern, String value, boolean expected) {
        assertThat(Wildcard.compile(pattern, false, false).matches(value)).isEqualTo(expected);
    }

    static Stream<Arguments> ignoringCase() {
        return Stream.of(
                Arguments.of("ecr:putimage", "ecr:PutImage", true),
                Arguments.of("ECR:Batch?etImage", "ecr:BatchGetImage", true),
                Arguments.of("ecr:Describe*", "ecr:DESCRIBEIMAGES", true),
                Arguments.of("ecr:Describe*", "ecr:ListImages", false));
    }

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @MethodSource("ignoringCase")
    void caseInsensitiveMatching(String pattern, String value, boolean expected) {
        assertThat(Wildcard.compile(pattern, false, true).matches(value)).isEqualTo(expected);
    }

    static Stream<Arguments> variables() {
        return Stream.of(
                Arguments.of("home/${aws:username}/*", true, "home/alice/x", true),
                Arguments.of("home/${aws:username}/*", true, "home/bob/x", false),
                Arguments.of("home/${aws:username}/*", false, "home/alice/x", false),
                Arguments.of("home/${aws:username}/*", false, "home/${aws:username}/x", true),
                Arguments.of("home/${missing}/*", true, "home/alice/x", false),
                Arguments.of("home/${missing, 'shared'}/*", true, "home/shared/x", true),
                Arguments.of("literal${*}star", true, "literal*star", true),
                Arguments.of("literal${*}star", true, "literalXstar", false),
                Arguments.of("q${?}", true, "q?", true),
                Arguments.of("cost${$}", true, "cost$", true),
                Arguments.of("${odd}", true, "a*b", true),
                Arguments.of("${odd}", true, "axxb", false),
                Arguments.of("unclosed${aws:username", true, "unclosed${aws:username", true));
    }

    @ParameterizedTest(name = "{0} vars={1} ~ {2} = {3}")
    @MethodSource("variables")
    void policyVariables(String pattern, boolean enabled, String value, boolean expected) {
        Wildcard w = Wildcard.compile(pattern, enabled, false);
        assertThat(w.matches(value, k -> Optional.ofNullable(VARS.get(k)))).isEqualTo(expected);
    }

    static Stream<Arguments> arnPatterns() {
        return Stream.of(
                Arguments.of("*", "arn:aws:ecr:us-east-1:123456789012:repository/a", true),
                Arguments.of("*", "*", true),
                Arguments.of("arn:aws:ecr:*:123456789012:repository/*", "*", false),
                Arguments.of("arn:aws:ecr:us-east-1:123456789012:repository/team/*",
                        "arn:aws:ecr:us-east-1:123456789012:repository/team/app", true),
                Arguments.of("arn:aws:ecr:us-east-1:123456789012:repository/team/*",
                        "arn:aws:ecr:us-east-1:123456789012:repository/team/app/deep", true),
                Arguments.of("arn:aws:ecr:us-east-1:123456789012:repository/team/*",
                        "arn:aws:ecr:us-east-1:123456789012:repository/other/app", false),
                Arguments.of("arn:aws:ecr:*:123456789012:repository/app",
                        "arn:aws:ecr:eu-west-1:123456789012:repository/app", true),
                Arguments.of("arn:aws:ecr:*:123456789012:repository/app",
                        "arn:aws:ecr:eu-west-1:x:123456789012:repository/app", false),
                Arguments.of("arn:aws:ecr:us-east-1:123456789012:repository/App",
                        "arn:aws:ecr:us-east-1:123456789012:repository/app", false),
                Arguments.of("arn:aws:ecr:us-east-1:123456789012:repository/a?p",
                        "arn:aws:ecr:us-east-1:123456789012:repository/app", true),
                Arguments.of("arn:aws:ecr:us-east-1:123456789012:repository/${aws:username}/*",
                        "arn:aws:ecr:us-east-1:123456789012:repository/alice/app", true),
                Arguments.of("arn:aws:*", "arn:aws:ecr:us-east-1:123456789012:repository/a", true));
    }

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @MethodSource("arnPatterns")
    void arnPatternMatching(String pattern, String value, boolean expected) {
        ArnPattern p = ArnPattern.compile(pattern, true);
        assertThat(p.matches(value, k -> Optional.ofNullable(VARS.get(k)))).isEqualTo(expected);
    }
}
