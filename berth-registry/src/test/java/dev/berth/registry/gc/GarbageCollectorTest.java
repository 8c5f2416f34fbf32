package dev.berth.registry.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.metadata.AuditEvent;
import dev.berth.metadata.JdbcMetadataStore;
import dev.berth.oci.Digest;
import dev.berth.oci.DigestAlgorithm;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;
import dev.berth.registry.BlobService;
import dev.berth.registry.ManifestService;
import dev.berth.registry.RegistryError;
import dev.berth.registry.RegistryException;
import dev.berth.registry.RepositoryGate;
import dev.berth.registry.RepositoryService;
import dev.berth.registry.UploadState;
import dev.berth.storage.FsBlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One collection at a time over the real stores (file system and SQLite), wired as the server wires them, with a
 * clock the test moves forward to age what it pushed. Races with pushes are tested over HTTP in berth-server
 * ({@code GcRaceTest}).
 */
class GarbageCollectorTest {
    private static final Duration GRACE = Duration.ofHours(24);
    private static final Duration UPLOAD_EXPIRY = Duration.ofHours(12);
    private static final RepositoryName APP = RepositoryName.parse("team/app");
    private static final RepositoryName OTHER = RepositoryName.parse("team/other");
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    @TempDir
    Path dir;
    final OffsetClock clock = new OffsetClock();
    FsBlobStore blobStore;
    JdbcMetadataStore metadata;
    BlobService blobs;
    ManifestService manifests;
    RepositoryService repositories;
    GarbageCollector gc;

    @BeforeEach
    void open() throws IOException {
        blobStore = new FsBlobStore(dir.resolve("blobs"), clock);
        metadata = JdbcMetadataStore.sqlite(dir.resolve("metadata.db"));
        RepositoryGate gate = new RepositoryGate(metadata, true);
        blobs = new BlobService(blobStore, metadata, gate, clock);
        manifests = new ManifestService(blobStore, metadata, gate, clock);
        repositories = new RepositoryService(metadata.repositorySettings(), blobStore, "123456789012", clock);
        gc = new GarbageCollector(blobStore, metadata, metadata.auditLog(), new GcSettings(GRACE, UPLOAD_EXPIRY),
                clock);
    }

    @AfterEach
    void close() throws IOException {
        blobStore.close();
        metadata.close();
    }

    @Test
    void anUnusedBlobIsCollectedAfterTheGracePeriodAndAnImageIsNot() {
        Image image = push(APP, "v1", "kept");
        byte[] unused = "pushed but never used by a manifest".getBytes(StandardCharsets.UTF_8);
        Digest unusedDigest = putBlob(APP, unused);

        clock.advance(GRACE.plusMinutes(1));
        GcReport report = gc.collect();

        assertThat(report.linksRemoved()).isEqualTo(1);
        assertThat(report.blobsDeleted()).isEqualTo(1);
        assertThat(report.bytesFreed()).isEqualTo(unused.length);
        assertThat(blobStore.size(unusedDigest)).isEmpty();
        assertThat(blobs.stat(APP, unusedDigest)).isEmpty();
        assertPullable(APP, image);
        assertThat(gc.collect().blobsDeleted()).as("nothing left to collect").isZero();
    }

    @Test
    void theGracePeriodIsRespected() {
        byte[] bytes = "uploaded for a manifest not pushed yet".getBytes(StandardCharsets.UTF_8);
        Digest digest = putBlob(APP, bytes);

        clock.advance(GRACE.minusMinutes(1));
        GcReport early = gc.collect();
        assertThat(early.linksRemoved()).isZero();
        assertThat(early.blobsDeleted()).isZero();
        assertThat(blobs.stat(APP, digest)).contains((long) bytes.length);

        clock.advance(Duration.ofMinutes(2));
        assertThat(gc.collect().blobsDeleted()).isEqualTo(1);
        assertThat(blobStore.size(digest)).isEmpty();
    }

    @Test
    void pushingABlobAgainRestartsItsGracePeriod() {
        byte[] bytes = "pushed twice".getBytes(StandardCharsets.UTF_8);
        Digest digest = putBlob(APP, bytes);
        clock.advance(GRACE.minusHours(1));
        putBlob(APP, bytes); // the link time moves forward; the file's last write too

        clock.advance(Duration.ofHours(2));
        GcReport report = gc.collect();

        assertThat(report.linksRemoved()).isZero();
        assertThat(blobs.stat(APP, digest)).contains((long) bytes.length);
    }

    @Test
    void aDeletedRepositorysBlobsAndManifestsAreCollected() {
        Image image = push(APP, "v1", "doomed");
        Image survivor = push(OTHER, "v1", "survivor");
        repositories.delete(APP, true);

        clock.advance(GRACE.plusMinutes(1));
        GcReport report = gc.collect();

        assertThat(report.blobsDeleted()).as("config, layer and manifest bytes").isEqualTo(3);
        assertThat(report.bytesFreed()).isEqualTo(image.config.length + image.layer.length + image.manifest.length);
        for (Digest d : image.digests()) {
            assertThat(blobStore.size(d)).as("%s", d).isEmpty();
        }
        assertPullable(OTHER, survivor);
    }

    @Test
    void aBlobSharedByTwoRepositoriesIsKeptUntilBothStopReferencingIt() {
        Image inApp = push(APP, "v1", "shared");
        Image inOther = push(OTHER, "v1", "shared");
        assertThat(inOther.layerDigest()).isEqualTo(inApp.layerDigest());

        manifests.delete(APP, inApp.manifestDigest());
        clock.advance(GRACE.plusMinutes(1));
        GcReport first = gc.collect();
        assertThat(first.blobsDeleted()).as("manifest bytes are shared too").isZero();
        assertThat(first.linksRemoved()).as("APP's config and layer links").isEqualTo(2);
        assertPullable(OTHER, inOther);

        manifests.delete(OTHER, inOther.manifestDigest());
        clock.advance(GRACE.plusMinutes(1));
        GcReport second = gc.collect();
        assertThat(second.blobsDeleted()).isEqualTo(3);
        assertThat(blobStore.size(inApp.layerDigest())).isEmpty();
    }

    @Test
    void aBlobAManifestListsIsKeptEvenIfItsLinkWasDeleted() {
        Image image = push(APP, "v1", "unlinked");
        blobs.delete(APP, image.layerDigest()); // DELETE /v2/<name>/blobs/<digest>

        clock.advance(GRACE.plusMinutes(1));
        gc.collect();

        assertThat(blobStore.size(image.layerDigest())).contains((long) image.layer.length);
    }

    @Test
    void aHeldBlobIsKept() {
        byte[] bytes = "a push in flight".getBytes(StandardCharsets.UTF_8);
        Digest digest = putBlob(APP, bytes);
        blobs.delete(APP, digest);
        clock.advance(GRACE.plusMinutes(1));
        long hold = metadata.holdBlob(digest, clock.instant()); // a push of the same bytes, between put and link

        assertThat(gc.collect().blobsDeleted()).isZero();
        metadata.releaseHold(hold);
        assertThat(gc.collect().blobsDeleted()).isEqualTo(1);
    }

    @Test
    void abandonedUploadsExpireAndActiveOnesStay() {
        UploadState abandoned = blobs.startUpload(APP);
        blobs.append(APP, abandoned.id(), 0L, new ByteArrayInputStream(new byte[1000]));
        clock.advance(UPLOAD_EXPIRY.plusMinutes(1));
        UploadState active = blobs.startUpload(APP);

        GcReport report = gc.collect();

        assertThat(report.uploadsExpired()).isEqualTo(1);
        assertThat(report.uploadBytesFreed()).isEqualTo(1000);
        assertThatThrownBy(() -> blobs.status(APP, abandoned.id())).isInstanceOfSatisfying(RegistryException.class,
                e -> assertThat(e.error()).isEqualTo(RegistryError.BLOB_UPLOAD_UNKNOWN));
        assertThat(metadata.findUpload(abandoned.id())).isEmpty();
        assertThat(blobs.status(APP, active.id()).size()).isZero();
    }

    @Test
    void anUploadRowWithoutItsSessionIsRemovedOnceExpired() {
        metadata.createUpload(new dev.berth.metadata.UploadRecord("0b6f8d2e-4c1a-4b7e-9f3d-2a5c8e1b7d40", APP,
                clock.instant()));
        clock.advance(UPLOAD_EXPIRY.plusMinutes(1));

        assertThat(gc.collect().uploadsExpired()).isEqualTo(1);
        assertThat(metadata.findUpload("0b6f8d2e-4c1a-4b7e-9f3d-2a5c8e1b7d40")).isEmpty();
    }

    @Test
    void aStaleHoldIsPurged() {
        Digest digest = putBlob(APP, "held by a push that crashed".getBytes(StandardCharsets.UTF_8));
        blobs.delete(APP, digest);
        metadata.holdBlob(digest, clock.instant());
        clock.advance(UPLOAD_EXPIRY.plusMinutes(1)); // past the hold lifetime, not yet past the grace

        GcReport purging = gc.collect();
        assertThat(purging.holdsPurged()).isEqualTo(1);
        assertThat(purging.blobsDeleted()).isZero();
        clock.advance(GRACE);
        assertThat(gc.collect().blobsDeleted()).isEqualTo(1);
    }

    @Test
    void eachPassIsAuditedWithItsFigures() {
        putBlob(APP, "audited".getBytes(StandardCharsets.UTF_8));
        clock.advance(GRACE.plusMinutes(1));

        GcReport report = gc.collect();

        List<AuditEvent> events = metadata.auditLog().list(Optional.empty(), Optional.empty(), 0, 10);
        assertThat(events).hasSize(1);
        AuditEvent event = events.getFirst();
        assertThat(event.actor()).isEqualTo("berth:gc");
        assertThat(event.action()).isEqualTo("gc:Collect");
        assertThat(event.detail()).isEqualTo(report.toJson()).contains("\"bytesFreed\":7", "\"blobsDeleted\":1");
    }

    // ---- helpers

    private record Image(byte[] config, byte[] layer, byte[] manifest) {
        Digest manifestDigest() {
            return sha256(manifest);
        }

        Digest layerDigest() {
            return sha256(layer);
        }

        List<Digest> digests() {
            return List.of(sha256(config), sha256(layer), sha256(manifest));
        }
    }

    private Image push(RepositoryName repository, String tag, String seed) {
        byte[] config = ("{\"seed\":\"" + seed + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] layer = ("layer of " + seed).getBytes(StandardCharsets.UTF_8);
        putBlob(repository, config);
        putBlob(repository, layer);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":"
                + descriptor("application/vnd.oci.image.config.v1+json", config) + ",\"layers\":["
                + descriptor("application/vnd.oci.image.layer.v1.tar", layer) + "]}").getBytes(StandardCharsets.UTF_8);
        manifests.put(repository, Tag.parse(tag), manifest, OCI_MANIFEST);
        return new Image(config, layer, manifest);
    }

    private Digest putBlob(RepositoryName repository, byte[] bytes) {
        Digest digest = sha256(bytes);
        blobs.putMonolithic(repository, digest, new ByteArrayInputStream(bytes));
        return digest;
    }

    private void assertPullable(RepositoryName repository, Image image) {
        assertThat(manifests.get(repository, image.manifestDigest()).bytes()).isEqualTo(image.manifest);
        assertThat(blobs.stat(repository, sha256(image.config))).contains((long) image.config.length);
        assertThat(blobs.stat(repository, image.layerDigest())).contains((long) image.layer.length);
    }

    private static String descriptor(String mediaType, byte[] content) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + sha256(content) + "\",\"size\":"
                + content.length + "}";
    }

    private static Digest sha256(byte[] bytes) {
        return Digest.compute(DigestAlgorithm.SHA256, bytes);
    }
}
