package dev.berth.registry.scan;

import dev.berth.metadata.ManifestRecord;
import dev.berth.oci.MediaTypes;
import java.util.Set;

/**
 * What counts as an image, for scanning and for the pull gate: an index (scanned per platform), or an image
 * manifest whose config is an image configuration. Artifacts — SBOMs, signatures, attestations, anything with
 * another config or artifact type — are not images: they are not scanned, and the gate serves them.
 */
public final class Scannable {
    static final Set<String> IMAGE_CONFIGS = Set.of("application/vnd.oci.image.config.v1+json",
            "application/vnd.docker.container.image.v1+json");

    private Scannable() {}

    public static boolean isImage(ManifestRecord record) {
        if (MediaTypes.isIndex(record.mediaType())) {
            return record.effectiveArtifactType().isEmpty();
        }
        return MediaTypes.isImageManifest(record.mediaType())
                && record.effectiveArtifactType().map(IMAGE_CONFIGS::contains).orElse(false);
    }
}
