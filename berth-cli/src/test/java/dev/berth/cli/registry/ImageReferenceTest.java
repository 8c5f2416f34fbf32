package dev.berth.cli.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            localhost:5000/team/app:1.0              | localhost:5000  | team/app      | 1.0    | -
            127.0.0.1:5000/app                       | 127.0.0.1:5000  | app           | latest | -
            registry.example.com/a/b/c:v2            | registry.example.com | a/b/c    | v2     | -
            localhost/app                            | localhost       | app           | latest | -
            alpine                                   | docker.io       | library/alpine | latest | -
            acme/app:3                               | docker.io       | acme/app      | 3      | -
            host:5000/app@sha256:abababababababababababababababababababababababababababababababab | host:5000 | app | - | sha256:abababababababababababababababababababababababababababababababab
            host:5000/app:1.0@sha256:abababababababababababababababababababababababababababababababab | host:5000 | app | 1.0 | sha256:abababababababababababababababababababababababababababababababab
            """)
    void parsesLikeDocker(String text, String registry, String repository, String tag, String digest) {
        ImageReference ref = ImageReference.parse(text);
        assertThat(ref.registry()).isEqualTo(registry);
        assertThat(ref.repository().value()).isEqualTo(repository);
        assertThat(ref.tag() == null ? null : ref.tag().value()).isEqualTo(tag);
        assertThat(ref.digest() == null ? null : ref.digest().toString()).isEqualTo(digest);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "host:5000/App:1.0", "host:5000/app:", "host:5000/app@sha256:12", "host:5000/app:-x",
            "host:5000/app@md5:abcd"})
    void refusesMalformedReferences(String text) {
        assertThatThrownBy(() -> ImageReference.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an image reference");
    }

    @ParameterizedTest
    @CsvSource({"localhost:5000, http://localhost:5000", "127.0.0.1:5000, http://127.0.0.1:5000",
            "[::1]:5000, http://[::1]:5000", "registry.example.com, https://registry.example.com",
            "docker.io, https://registry-1.docker.io", "localhost.example.com, https://localhost.example.com"})
    void plainHttpOnlyOnLoopback(String registry, String base) {
        assertThat(RegistryEndpoint.of(registry, false).base().toString()).isEqualTo(base);
    }

    @ParameterizedTest
    @ValueSource(strings = {"registry.example.com", "10.0.0.5:5000"})
    void plainHttpWhenAskedFor(String registry) {
        assertThat(RegistryEndpoint.of(registry, true).base().getScheme()).isEqualTo("http");
    }

    @org.junit.jupiter.api.Test
    void printsBack() {
        assertThat(ImageReference.parse("localhost:5000/team/app:1.0@" + DIGEST))
                .hasToString("localhost:5000/team/app:1.0@" + DIGEST);
    }
}
