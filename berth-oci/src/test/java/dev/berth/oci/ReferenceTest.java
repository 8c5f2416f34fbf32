package dev.berth.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceTest {
    private static final String SHA256 = "sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";

    @ParameterizedTest
    @CsvSource({
        "latest, Tag",
        "v1.0, Tag",
        "_x, Tag",
        SHA256 + ", Digest",
        "sha512:" + "00000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "000000000000000000000000000000000000000000000000, Digest",
    })
    void tellsTagsFromDigests(String text, String kind) {
        Reference ref = Reference.parse(text);
        assertThat(ref.getClass().getSimpleName()).isEqualTo(kind);
        assertThat(ref).hasToString(text);
    }

    @ParameterizedTest
    @CsvSource({
        "'', tag",
        ".x, tag",
        "a/b, tag",
        "a@b, tag",
        "sha256:abc, digest",
        "sha256:, digest",
        ":latest, digest",
        "md5:d41d8cd98f00b204e9800998ecf8427e, digest algorithm",
        "v1:2, digest algorithm",
    })
    void refuses(String text, String kind) {
        assertThatThrownBy(() -> Reference.parse(text))
                .isInstanceOfSatisfying(InvalidReferenceException.class, e -> assertThat(e.kind()).isEqualTo(kind));
    }

    @ParameterizedTest
    @ValueSource(strings = {"latest", SHA256})
    void parsedValuesAreEqualByContent(String text) {
        assertThat(Reference.parse(text)).isEqualTo(Reference.parse(text));
    }
}
