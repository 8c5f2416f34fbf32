package dev.berth.cli.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.cli.CliException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageRefTest {
    static final String DIGEST = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    @ParameterizedTest
    @CsvSource({
            "acme/app:v1, acme/app, v1, ",
            "acme/app, acme/app, latest, ",
            "127.0.0.1:5000/acme/app:v1, acme/app, v1, ",
            "berth.example.internal/acme/app:prod-1, acme/app, prod-1, ",
            "localhost/app:1, app, 1, ",
            "acme/app@" + DIGEST + ", acme/app, , " + DIGEST})
    void parsesTagsDigestsAndIgnoresTheRegistryHost(String text, String repository, String tag, String digest) {
        ImageRef ref = ImageRef.parse(text);
        assertThat(ref.repository().value()).isEqualTo(repository);
        assertThat(ref.imageId().imageTag()).isEqualTo(tag);
        assertThat(ref.imageId().imageDigest()).isEqualTo(digest);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Acme/App:v1", "acme/app:", "acme/app@sha256:short", "acme/app:bad tag"})
    void rejectsMalformedReferences(String text) {
        assertThatThrownBy(() -> ImageRef.parse(text)).isInstanceOf(CliException.class)
                .hasMessageContaining("repository:tag");
    }
}
