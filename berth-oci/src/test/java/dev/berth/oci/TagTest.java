package dev.berth.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Distribution spec: {@code [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}}. */
class TagTest {

    static String[] valid() {
        return new String[] {"latest", "v1.2.3", "1", "_", "_underscore", "A-Z_a.z-0", "UPPER", "sha256",
            "a".repeat(128), "x" + "-._".repeat(42) + "y", "0.0.0-rc.1_build.5"};
    }

    @ParameterizedTest
    @MethodSource("valid")
    void accepts(String text) {
        assertThat(Tag.parse(text).value()).isEqualTo(text);
        assertThat(Tag.parse(text)).hasToString(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".hidden", "-dash", "a:b", "a/b", "a@b", "a+b", "a b", " a", "a\n", "tãg", "a*",
        "sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"})
    void refuses(String text) {
        assertThatThrownBy(() -> Tag.parse(text))
                .isInstanceOfSatisfying(InvalidReferenceException.class, e -> assertThat(e.kind()).isEqualTo("tag"));
    }

    @Test
    void atMost128Characters() {
        assertThat(Tag.parse("a".repeat(128)).value()).hasSize(128);
        assertThatThrownBy(() -> Tag.parse("a".repeat(129))).isInstanceOf(InvalidReferenceException.class);
    }
}
