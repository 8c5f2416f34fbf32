package dev.berth.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.oci.TagMutability.Mode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The rule: a mode's default, flipped for the tags an exclusion filter matches. */
class TagMutabilityTest {
    static final TagMutability IMMUTABLE_EXCEPT_LATEST_AND_DEV =
            TagMutability.of(Mode.IMMUTABLE_WITH_EXCLUSION, "latest", "dev-*");
    static final TagMutability MUTABLE_EXCEPT_RELEASES =
            TagMutability.of(Mode.MUTABLE_WITH_EXCLUSION, "v*.*", "release-*");

    static Stream<Arguments> decisions() {
        return Stream.of(
                Arguments.of(TagMutability.MUTABLE, "latest", false),
                Arguments.of(TagMutability.MUTABLE, "v1.0.0", false),
                Arguments.of(TagMutability.IMMUTABLE, "latest", true),
                Arguments.of(TagMutability.IMMUTABLE, "v1.0.0", true),
                Arguments.of(IMMUTABLE_EXCEPT_LATEST_AND_DEV, "latest", false),
                Arguments.of(IMMUTABLE_EXCEPT_LATEST_AND_DEV, "dev-1", false),
                Arguments.of(IMMUTABLE_EXCEPT_LATEST_AND_DEV, "dev-", false),
                Arguments.of(IMMUTABLE_EXCEPT_LATEST_AND_DEV, "dev", true),
                Arguments.of(IMMUTABLE_EXCEPT_LATEST_AND_DEV, "latest-1", true),
                Arguments.of(IMMUTABLE_EXCEPT_LATEST_AND_DEV, "LATEST", true),
                Arguments.of(IMMUTABLE_EXCEPT_LATEST_AND_DEV, "v1.0.0", true),
                Arguments.of(MUTABLE_EXCEPT_RELEASES, "v1.0.0", true),
                Arguments.of(MUTABLE_EXCEPT_RELEASES, "release-2026", true),
                Arguments.of(MUTABLE_EXCEPT_RELEASES, "v1.0", true),
                Arguments.of(MUTABLE_EXCEPT_RELEASES, "v1", false),
                Arguments.of(MUTABLE_EXCEPT_RELEASES, "latest", false),
                Arguments.of(MUTABLE_EXCEPT_RELEASES, "pre-release-1", false),
                Arguments.of(TagMutability.of(Mode.IMMUTABLE_WITH_EXCLUSION, "*"), "anything", false),
                Arguments.of(TagMutability.of(Mode.MUTABLE_WITH_EXCLUSION, "*"), "anything", true),
                // a duplicated filter changes nothing
                Arguments.of(TagMutability.of(Mode.MUTABLE_WITH_EXCLUSION, "x", "x"), "x", true));
    }

    @ParameterizedTest(name = "{0} / {1} -> immutable={2}")
    @MethodSource("decisions")
    void decides(TagMutability mutability, String tag, boolean immutable) {
        assertThat(mutability.isImmutable(Tag.parse(tag))).isEqualTo(immutable);
    }

    static Stream<Arguments> invalidPairs() {
        return Stream.of(
                Arguments.of(Mode.MUTABLE, List.of("latest"), "only allowed with"),
                Arguments.of(Mode.IMMUTABLE, List.of("latest"), "only allowed with"),
                Arguments.of(Mode.IMMUTABLE_WITH_EXCLUSION, List.of(), "needs 1 to 5"),
                Arguments.of(Mode.MUTABLE_WITH_EXCLUSION, List.of(), "needs 1 to 5"),
                Arguments.of(Mode.MUTABLE_WITH_EXCLUSION, List.of("a", "b", "c", "d", "e", "f"), "at most 5"));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("invalidPairs")
    void refusesFiltersThatDoNotFitTheMode(Mode mode, List<String> filters, String message) {
        assertThatThrownBy(() -> TagMutability.of(mode, filters.toArray(String[]::new)))
                .isInstanceOf(InvalidTagMutabilityException.class).hasMessageContaining(message);
    }

    @Test
    void keepsFiltersInTheGivenOrderAndIsAValue() {
        TagMutability a = TagMutability.of(Mode.IMMUTABLE_WITH_EXCLUSION, "zz", "aa", "zz");
        assertThat(a.exclusions()).extracting(TagWildcard::filter).containsExactly("zz", "aa", "zz");
        assertThat(a).isEqualTo(TagMutability.of(Mode.IMMUTABLE_WITH_EXCLUSION, "zz", "aa", "zz"));
        assertThatThrownBy(() -> a.exclusions().add(TagWildcard.parse("x")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void modesParseOnlyAsEcrSpellsThem() {
        for (Mode mode : Mode.values()) {
            assertThat(Mode.parse(mode.name())).isEqualTo(mode);
        }
        assertThat(Mode.IMMUTABLE_WITH_EXCLUSION.takesExclusions()).isTrue();
        assertThat(Mode.IMMUTABLE.takesExclusions()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "immutable", "Immutable", " IMMUTABLE", "IMMUTABLE_WITH_EXCLUSIONS", "READONLY"})
    void refusesOtherSpellings(String text) {
        assertThatThrownBy(() -> Mode.parse(text)).isInstanceOf(InvalidTagMutabilityException.class)
                .hasMessageContaining("imageTagMutability must be one of");
    }
}
