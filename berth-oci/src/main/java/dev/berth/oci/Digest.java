package dev.berth.oci;

import java.util.HexFormat;
import java.util.Objects;

/**
 * A content digest such as {@code sha256:2c26b4...}: an algorithm and its lower-case hex encoding.
 * Immutable; {@link #parse} is the only way in from a string and refuses anything malformed or unsupported.
 */
public record Digest(DigestAlgorithm algorithm, String hex) implements Reference {

    public Digest {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != algorithm.hexLength() || !isLowerHex(hex)) {
            throw new InvalidReferenceException("digest", algorithm.prefix() + ":" + hex);
        }
    }

    /** Parses {@code algorithm:hex}; throws {@link InvalidReferenceException} when malformed or unsupported. */
    public static Digest parse(String text) {
        Objects.requireNonNull(text, "text");
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new InvalidReferenceException("digest", text);
        }
        DigestAlgorithm algorithm = DigestAlgorithm.byPrefix(text.substring(0, colon))
                .orElseThrow(() -> new UnsupportedDigestException(text));
        return new Digest(algorithm, text.substring(colon + 1));
    }

    /** Builds a digest from the bytes a hasher of {@code algorithm} produced. */
    public static Digest of(DigestAlgorithm algorithm, byte[] hash) {
        return new Digest(algorithm, HexFormat.of().formatHex(hash));
    }

    /** Digest of bytes already in memory (manifests only: blobs are hashed while streaming). */
    public static Digest compute(DigestAlgorithm algorithm, byte[] content) {
        return of(algorithm, algorithm.newHasher().digest(content));
    }

    private static boolean isLowerHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return algorithm.prefix() + ":" + hex;
    }
}
