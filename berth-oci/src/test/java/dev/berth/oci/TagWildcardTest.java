package dev.berth.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** ECR WILDCARD filters: {@code ^[0-9a-zA-Z._*-]{1,128}$}, {@code *} = any run, whole tag, at most two stars. */
class TagWildcardTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
            "latest,     latest,      true",
            "latest,     Latest,      false",   // case-sensitive
            "latest,     latest2,     false",   // the whole tag
            "latest,     my-latest,   false",
            "dev-*,      dev-,        true",    // * may match nothing
            "dev-*,      dev-42,      true",
            "dev-*,      dev-a.b_c-d, true",
            "dev-*,      dev,         false",
            "dev-*,      my-dev-1,    false",
            "*-dev,      feature-dev, true",
            "*-dev,      -dev,        false",   // '-dev' is not a tag (cannot start with '-'); see below
            "*,          anything,    true",
            "*,          _,           true",
            "**,         x,           true",
            "*-rc*,      1.0-rc1,     true",
            "*-rc*,      1.0-rc,      true",
            "*-rc*,      1.0-r,       false",
            "v*.*,       v1.2,        true",
            "v*.*,       v1.2.3,      true",
            "v*.*,       v12,         false",
            "a*a,        a,           false",   // the two literal ends may not overlap
            "a*a,        aa,          true",
            "a*b*a,      aba,         true",
            "a*b*a,      aab,         false",
            "ab*ba,      aba,         false",
            "v1.*,       v1x2,        false"})  // '.' is literal
    void matchesWholeTags(String filter, String tag, boolean expected) {
        if (tag.startsWith("-")) {
            assertThatThrownBy(() -> Tag.parse(tag)).isInstanceOf(InvalidReferenceException.class);
            return;
        }
        assertThat(TagWildcard.parse(filter).matches(Tag.parse(tag))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "a b", "a:b", "a+b", "t\u00e4g", "***", "*a*b*", "a\n"})
    void refusesWhatTheModelOrTerraformRefuses(String filter) {
        assertThatThrownBy(() -> TagWildcard.parse(filter)).isInstanceOf(InvalidTagMutabilityException.class)
                .hasMessageContaining("exclusion filter");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 127, 128})
    void acceptsUpTo128Characters(int length) {
        assertThat(TagWildcard.parse("a".repeat(length)).filter()).hasSize(length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-leading-dash", ".dot", "*", "UPPER*lower", "0"})
    void acceptsFiltersThatAreNotThemselvesTags(String filter) {
        assertThat(TagWildcard.parse(filter)).hasToString(filter);
    }

    @org.junit.jupiter.api.Test
    void refuses129Characters() {
        assertThatThrownBy(() -> TagWildcard.parse("a".repeat(129))).isInstanceOf(InvalidTagMutabilityException.class);
    }
}
