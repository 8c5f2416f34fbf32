package dev.berth.registry.scan;

import dev.berth.oci.Digest;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;
import dev.berth.scan.Inventory;
import java.util.Optional;

/** The port to the SBOM writer: a CycloneDX JSON document of an image's inventory. */
@FunctionalInterface
public interface SbomWriter {

    /** The BOM's bytes (UTF-8 JSON, {@code application/vnd.cyclonedx+json}). */
    byte[] write(Inventory inventory, RepositoryName repository, Optional<Tag> tag, Digest image);
}
