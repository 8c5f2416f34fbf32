package dev.berth.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DigestTest {
    private static final String HEX64 = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";
    private static final String HEX128 = "a".repeat(64) + "0123456789abcdef".repeat(4);

    @Test
    void parsesSha256() {
        Digest d = Digest.parse("sha256:" + HEX64);
        assertThat(d.algorithm()).isEqualTo(DigestAlgorithm.SHA256);
        assertThat(d.hex()).isEqualTo(HEX64);
        assertThat(d).hasToString("sha256:" + HEX64).isEqualTo(Digest.parse(d.toString()));
    }

    @Test
    void parsesSha512() {
        Digest d = Digest.parse("sha512:" + HEX128);
        assertThat(d.algorithm()).isEqualTo(DigestAlgorithm.SHA512);
        assertThat(d).hasToString("sha512:" + HEX128);
    }

    @Test
    void computesKnownDigests() {
        byte[] foo = "foo".getBytes(StandardCharsets.UTF_8);
        assertThat(Digest.compute(DigestAlgorithm.SHA256, foo)).hasToString("sha256:" + HEX64);
        assertThat(Digest.compute(DigestAlgorithm.SHA256, new byte[0]))
                .hasToString("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Digest.compute(DigestAlgorithm.SHA512, foo).hex()).hasSize(128);
    }

    static String[] malformed() {
        return new String[] {
            "",
            "sha256",
            "sha256:",
            ":" + HEX64,
            HEX64,
            "sha256:" + HEX64 + "0",                   // too long
            "sha256:" + HEX64.substring(1),            // too short
            "sha256:" + HEX64.toUpperCase(java.util.Locale.ROOT),
            "sha256:g" + "0".repeat(63),
            "sha256: " + "0".repeat(63),
            "sha256:" + "0".repeat(64) + "\n",
            "sha512:" + HEX64,                         // sha512 needs 128 hex
            "sha256:" + HEX128,
            "sha256::" + "0".repeat(63),
        };
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void refusesMalformed(String text) {
        assertThatThrownBy(() -> Digest.parse(text))
                .isInstanceOf(InvalidReferenceException.class)
                .isNotInstanceOf(UnsupportedDigestException.class);
    }

    static String[] unsupported() {
        return new String[] {"md5:d41d8cd98f00b204e9800998ecf8427e", "sha384:" + HEX64, "SHA256:" + HEX64,
            "sha256+b64u:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564", " sha256:" + HEX64};
    }

    @ParameterizedTest
    @MethodSource("unsupported")
    void refusesUnsupportedAlgorithms(String text) {
        assertThatThrownBy(() -> Digest.parse(text)).isInstanceOf(UnsupportedDigestException.class);
    }

    @Test
    void constructorChecksToo() {
        assertThatThrownBy(() -> new Digest(DigestAlgorithm.SHA256, "abc"))
                .isInstanceOf(InvalidReferenceException.class);
        assertThatThrownBy(() -> new Digest(null, HEX64)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void invalidReferenceNamesWhatWasParsed() {
        assertThatThrownBy(() -> Digest.parse("sha256:xyz"))
                .isInstanceOfSatisfying(InvalidReferenceException.class, e -> assertThat(e.kind()).isEqualTo("digest"));
    }
}
