package dev.berth.cli.image;

import dev.berth.oci.Digest;
import java.util.Objects;

/**
 * A manifest or index exactly as the registry (or layout) holds it: its bytes are what its digest is computed
 * over, so they are never re-serialised. Manifests are small (registries cap them at a few MiB) and are the only
 * content kept in memory.
 */
public record ManifestContent(String mediaType, byte[] bytes, Digest digest) {
    /** Berth's and distribution's limit; a larger "manifest" is not one. */
    public static final int MAX_SIZE = 4 * 1024 * 1024;

    public ManifestContent {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(digest, "digest");
    }
}
