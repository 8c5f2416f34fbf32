package dev.berth.registry;

import dev.berth.metadata.JdbcMetadataStore;
import dev.berth.oci.Digest;
import dev.berth.oci.DigestAlgorithm;
import dev.berth.oci.RepositoryName;
import dev.berth.storage.FsBlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The registry services over the real stores (a filesystem blob store and an SQLite metadata store in a temporary
 * directory), wired as the server wires them, with a fixed clock; plus small images to push.
 */
final class Registry implements AutoCloseable {
    static final String ACCOUNT = "123456789012";
    static final Instant NOW = Instant.parse("2026-11-21T10:11:12.345678Z");
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    final FsBlobStore blobStore;
    final JdbcMetadataStore metadata;
    final BlobService blobs;
    final ManifestService manifests;
    final RepositoryService repositories;

    Registry(Path dir) {
        try {
            this.blobStore = new FsBlobStore(dir.resolve("blobs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.metadata = JdbcMetadataStore.sqlite(dir.resolve("metadata.db"));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        RepositoryGate gate = new RepositoryGate(metadata, true);
        this.blobs = new BlobService(blobStore, metadata, gate, clock);
        this.manifests = new ManifestService(blobStore, metadata, gate, clock);
        this.repositories = new RepositoryService(metadata.repositorySettings(), blobStore, ACCOUNT, clock);
    }

    /** Pushes a config and a layer derived from {@code seed} and returns an image manifest over them. */
    byte[] image(RepositoryName repository, String seed) {
        byte[] config = ("{\"seed\":\"" + seed + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] layer = ("layer of " + seed).getBytes(StandardCharsets.UTF_8);
        return (("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\","
                + "\"config\":" + descriptor(repository, "application/vnd.oci.image.config.v1+json", config) + ","
                + "\"layers\":[" + descriptor(repository, "application/vnd.oci.image.layer.v1.tar", layer) + "]}"))
                .getBytes(StandardCharsets.UTF_8);
    }

    static Digest digest(byte[] bytes) {
        return Digest.compute(DigestAlgorithm.SHA256, bytes);
    }

    private String descriptor(RepositoryName repository, String mediaType, byte[] content) {
        blobs.putMonolithic(repository, digest(content), new ByteArrayInputStream(content));
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest(content) + "\",\"size\":"
                + content.length + "}";
    }

    @Override
    public void close() throws IOException {
        try {
            blobStore.close();
        } finally {
            metadata.close();
        }
    }
}
