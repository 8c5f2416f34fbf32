package dev.berth.registry.scan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.metadata.ManifestRecord;
import dev.berth.oci.Digest;
import dev.berth.oci.DigestAlgorithm;
import dev.berth.oci.MediaTypes;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;
import dev.berth.registry.BlobService;
import dev.berth.registry.ManifestService;
import dev.berth.registry.RegistryException;
import dev.berth.scan.Inventory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Stores an image's SBOM in the image's repository as an OCI artifact through the normal push path: a manifest
 * with {@code artifactType} {@value #ARTIFACT_TYPE}, the empty config, the BOM as its one layer and the image as
 * its {@code subject} — so the referrers API lists it, and whatever removes the image (lifecycle, deletes) can
 * remove it with its subject. A rescan pushes a new SBOM and removes the ones Berth pushed before for that image.
 */
public final class SbomPublisher {
    public static final String ARTIFACT_TYPE = "application/vnd.cyclonedx+json";
    /** Marks the SBOMs Berth wrote (and may replace), among referrers that others pushed. */
    public static final String ANNOTATION = "dev.berth.sbom";
    private static final String CREATED = "org.opencontainers.image.created";
    private static final byte[] EMPTY_CONFIG = "{}".getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ManifestService manifests;
    private final BlobService blobs;
    private final SbomWriter writer;
    private final Clock clock;

    public SbomPublisher(ManifestService manifests, BlobService blobs, SbomWriter writer, Clock clock) {
        this.manifests = Objects.requireNonNull(manifests, "manifests");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Pushes the SBOM of {@code image}; returns the SBOM manifest's digest. */
    public Digest publish(RepositoryName repository, ManifestRecord image, Optional<Tag> tag, Inventory inventory) {
        byte[] bom = writer.write(inventory, repository, tag, image.digest());
        Digest bomDigest = Digest.compute(DigestAlgorithm.SHA256, bom);
        Digest configDigest = Digest.compute(DigestAlgorithm.SHA256, EMPTY_CONFIG);
        blobs.putMonolithic(repository, configDigest, new ByteArrayInputStream(EMPTY_CONFIG));
        blobs.putMonolithic(repository, bomDigest, new ByteArrayInputStream(bom));

        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_MANIFEST)
                .put("artifactType", ARTIFACT_TYPE);
        manifest.putObject("config").put("mediaType", MediaTypes.OCI_EMPTY).put("digest", configDigest.toString())
                .put("size", EMPTY_CONFIG.length).put("data", "e30=");
        manifest.putArray("layers").addObject().put("mediaType", ARTIFACT_TYPE).put("digest", bomDigest.toString())
                .put("size", bom.length);
        manifest.putObject("subject").put("mediaType", image.mediaType()).put("digest", image.digest().toString())
                .put("size", image.size());
        java.time.Instant created = clock.instant();
        manifest.putObject("annotations").put(ANNOTATION, "true").put(CREATED, created.toString());
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Digest digest = Digest.compute(DigestAlgorithm.SHA256, bytes);
        manifests.put(repository, digest, bytes, MediaTypes.OCI_MANIFEST);
        for (ManifestRecord old : manifests.referrers(repository, image.digest(), ARTIFACT_TYPE)) {
            if ("true".equals(old.annotations().get(ANNOTATION)) && older(old, created, digest)) {
                try {
                    manifests.delete(repository, old.digest());
                } catch (RegistryException e) {
                    // removed meanwhile: what was wanted
                }
            }
        }
        return digest;
    }

    /**
     * Whether a Berth SBOM is older than the one just pushed, in one total order (creation time, then digest): two
     * scans of one image finishing together each remove the other's SBOM only if it is the older, so exactly one
     * stays.
     */
    private static boolean older(ManifestRecord other, java.time.Instant created, Digest digest) {
        java.time.Instant otherCreated;
        try {
            otherCreated = java.time.Instant.parse(other.annotations().getOrDefault(CREATED, ""));
        } catch (java.time.format.DateTimeParseException e) {
            return true;
        }
        int byTime = otherCreated.compareTo(created);
        return byTime < 0 || (byTime == 0 && other.digest().toString().compareTo(digest.toString()) < 0);
    }
}
