package dev.berth.oci;

import java.util.Map;
import java.util.Objects;

/**
 * An OCI content descriptor: what a manifest says about a blob or another manifest.
 *
 * @param artifactType may be null
 * @param annotations never null, possibly empty
 */
public record Descriptor(String mediaType, Digest digest, long size, String artifactType, Map<String, String> annotations) {
    public Descriptor {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw new IllegalArgumentException("negative size");
        }
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }
}
