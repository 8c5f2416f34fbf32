package dev.berth.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Distribution spec grammar {@code [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*}, at most
 * 255 characters.
 */
class RepositoryNameTest {

    static String[] valid() {
        return new String[] {"a", "0", "ubuntu", "library/ubuntu", "team/app/api", "my-app", "my--app", "my---app",
            "my_app", "my__app", "my.app", "a.b-c_d__e/f", "1/2/3/4/5", "project/image.v2", "a".repeat(255),
            "a/".repeat(127) + "a"};
    }

    @ParameterizedTest
    @MethodSource("valid")
    void accepts(String text) {
        assertThat(RepositoryName.parse(text).value()).isEqualTo(text);
        assertThat(RepositoryName.parse(text)).hasToString(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "A", "Library/ubuntu", "ubuntu:latest", "ubuntu@sha256", "a b", "/a", "a/", "a//b",
        "-a", "a-", "_a", "a_", ".a", "a.", "a..b", "a.-b", "a___b", "a_-b", "a/.b", "a/-b", "./a", "../a", "a/../b",
        "ä", "a\n", "a\\b", "a%2fb", "localhost:5000/a"})
    void refuses(String text) {
        assertThatThrownBy(() -> RepositoryName.parse(text))
                .isInstanceOfSatisfying(InvalidReferenceException.class, e -> assertThat(e.kind()).isEqualTo("name"));
    }

    @Test
    void atMost255Characters() {
        assertThat(RepositoryName.parse("a".repeat(255)).value()).hasSize(RepositoryName.MAX_LENGTH);
        assertThatThrownBy(() -> RepositoryName.parse("a".repeat(256))).isInstanceOf(InvalidReferenceException.class);
        assertThatThrownBy(() -> RepositoryName.parse("a/".repeat(128) + "a"))
                .isInstanceOf(InvalidReferenceException.class);
    }

    @Test
    void longInvalidInputFailsFast() {
        // The length check runs before the regex, so hostile input cannot make matching expensive.
        String hostile = "a-".repeat(100_000) + "!";
        assertThatThrownBy(() -> RepositoryName.parse(hostile))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessageEndingWith("...");
    }

    @Test
    void ordersByValue() {
        assertThat(RepositoryName.parse("a/b")).isLessThan(RepositoryName.parse("a/c"));
    }
}
