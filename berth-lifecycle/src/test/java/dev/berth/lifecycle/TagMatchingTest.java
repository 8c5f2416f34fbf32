package dev.berth.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code tagPatternList} wildcards and the AND-of-entries, any-tag-per-entry rule of spec §3.3. */
class TagMatchingTest {

    static Stream<Arguments> patterns() {
        return Stream.of(
                Arguments.of("prod*", "prod", true),
                Arguments.of("prod*", "prod1", true),
                Arguments.of("prod*", "preprod", false),
                Arguments.of("prod", "prod", true),
                Arguments.of("prod", "prod1", false),
                Arguments.of("*-rc*", "1.0-rc1", true),
                Arguments.of("*-rc*", "1.0-rc", true),
                Arguments.of("*-rc*", "rc1", false),
                Arguments.of("*", "anything", true),
                Arguments.of("v*.*.*", "v1.2.3", true),
                Arguments.of("v*.*.*", "v1.2", false),
                Arguments.of("*test*1*2*3", "xtestA1B2C3", true),
                Arguments.of("*test*1*2*3", "test123", true),
                Arguments.of("*test*1*2*3", "test1234", false),
                Arguments.of("test*1*2*3*", "test1-2-3-4", true),
                Arguments.of("a*a", "a", false),
                Arguments.of("a*a", "aa", true),
                Arguments.of("Prod*", "prod1", false),
                Arguments.of("v?", "v1", false),
                Arguments.of("v?", "v?", true));
    }

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @MethodSource("patterns")
    void patternMatchesTheWholeTag(String pattern, String tag, boolean matches) {
        assertThat(TagPattern.parse(pattern).matches(tag)).isEqualTo(matches);
    }

    static Stream<Arguments> filters() {
        TagFilter alphaBeta = new TagFilter.Prefixes(List.of("alpha", "beta"));
        TagFilter prodArm = new TagFilter.Patterns(List.of(TagPattern.parse("prod*"), TagPattern.parse("*-arm64")));
        return Stream.of(
                Arguments.of(alphaBeta, List.of("alpha-1", "beta-1"), true),
                Arguments.of(alphaBeta, List.of("alpha-1"), false),
                Arguments.of(alphaBeta, List.of("alphabeta"), false),
                Arguments.of(alphaBeta, List.of("gamma", "beta-2", "alpha-2"), true),
                Arguments.of(alphaBeta, List.of(), false),
                Arguments.of(new TagFilter.Prefixes(List.of("v")), List.of("latest", "v3"), true),
                Arguments.of(prodArm, List.of("prod-1-arm64"), true),
                Arguments.of(prodArm, List.of("prod-1", "1-arm64"), true),
                Arguments.of(prodArm, List.of("prod-1"), false),
                Arguments.of(new TagFilter.None(), List.of(), true));
    }

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @MethodSource("filters")
    void everyEntryMustMatchSomeTag(TagFilter filter, List<String> tags, boolean matches) {
        assertThat(filter.matches(tags)).isEqualTo(matches);
    }
}
