package dev.berth.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.oci.Digest;
import dev.berth.oci.DigestAlgorithm;
import dev.berth.oci.RepositoryName;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link ScanStore} contract. Subclasses open a store on an empty database. */
public abstract class ScanStoreContract {
    static final Instant T0 = Instant.parse("2026-03-04T05:06:07.089Z");
    static final RepositoryName REPO = RepositoryName.parse("team/app");

    protected JdbcMetadataStore store;
    protected ScanStore scans;

    protected abstract JdbcMetadataStore open();

    @BeforeEach
    void openStore() {
        store = open();
        scans = store.scanStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private Digest image(String seed, Digest... blobs) {
        Digest digest = Digest.compute(DigestAlgorithm.SHA256, seed.getBytes(StandardCharsets.UTF_8));
        for (Digest blob : blobs) {
            store.linkBlob(REPO, blob, 10, T0);
        }
        store.putManifest(new ManifestRecord(REPO, digest, "application/vnd.oci.image.manifest.v1+json", 100, T0,
                null, "application/vnd.oci.image.config.v1+json", null), List.of(blobs), List.of(), null);
        return digest;
    }

    private static Digest blob(String seed) {
        return Digest.compute(DigestAlgorithm.SHA256, ("blob " + seed).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aScanGoesFromInProgressToCompleteAndKeepsItsInventoryAcrossARescan() {
        Digest digest = image("a");
        assertThat(scans.find(REPO, digest)).isEmpty();
        assertThat(scans.beginScan(REPO, digest, "queued", T0)).isTrue();
        ImageScan started = scans.find(REPO, digest).orElseThrow();
        assertThat(started.state()).isEqualTo(ScanState.IN_PROGRESS);
        assertThat(started.completedAt()).isEmpty();
        assertThat(started.dbRevision()).isZero();

        assertThat(scans.completeScan(REPO, digest, "{\"inv\":1}", "[1]", 3, Optional.of(T0), T0.plusSeconds(5)))
                .isTrue();
        ImageScan done = scans.find(REPO, digest).orElseThrow();
        assertThat(done.state()).isEqualTo(ScanState.COMPLETE);
        assertThat(done.completedAt()).contains(T0.plusSeconds(5));
        assertThat(done.inventory()).contains("{\"inv\":1}");
        assertThat(done.findings()).contains("[1]");
        assertThat(done.dbRevision()).isEqualTo(3);
        assertThat(done.dbUpdatedAt()).contains(T0);

        assertThat(scans.beginScan(REPO, digest, "again", T0.plusSeconds(10))).isTrue();
        ImageScan rescanning = scans.find(REPO, digest).orElseThrow();
        assertThat(rescanning.state()).isEqualTo(ScanState.IN_PROGRESS);
        assertThat(rescanning.requestedAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(rescanning.inventory()).as("kept until replaced").contains("{\"inv\":1}");
    }

    @Test
    void scansOfMissingImagesAreRefusedAndAScanGoesWithItsImage() {
        Digest missing = Digest.compute(DigestAlgorithm.SHA256, new byte[] {1});
        assertThat(scans.beginScan(REPO, missing, "queued", T0)).isFalse();
        Digest digest = image("b");
        scans.beginScan(REPO, digest, "queued", T0);
        assertThat(store.deleteManifest(REPO, digest)).isTrue();
        assertThat(scans.find(REPO, digest)).isEmpty();
        assertThat(scans.completeScan(REPO, digest, "{}", "[]", 1, Optional.empty(), T0)).isFalse();
    }

    @Test
    void failedAndUnsupportedScansSayWhy() {
        Digest digest = image("c");
        scans.beginScan(REPO, digest, "queued", T0);
        assertThat(scans.endScan(REPO, digest, ScanState.UNSUPPORTED_IMAGE, "layer type x", T0.plusSeconds(1)))
                .isTrue();
        ImageScan ended = scans.find(REPO, digest).orElseThrow();
        assertThat(ended.state()).isEqualTo(ScanState.UNSUPPORTED_IMAGE);
        assertThat(ended.description()).isEqualTo("layer type x");
        assertThat(ended.completedAt()).contains(T0.plusSeconds(1));
    }

    @Test
    void rematchOnlyMovesForwardAndNeverOverwritesANewerScan() {
        Digest digest = image("d");
        scans.beginScan(REPO, digest, "queued", T0);
        scans.completeScan(REPO, digest, "{}", "[\"old\"]", 1, Optional.empty(), T0.plusSeconds(1));
        assertThat(scans.behind(2, 10)).extracting(ImageScan::digest).containsExactly(digest);
        assertThat(scans.behind(1, 10)).isEmpty();

        assertThat(scans.rematch(REPO, digest, T0, "[\"stale\"]", 2, Optional.of(T0))).as("scan changed").isFalse();
        assertThat(scans.rematch(REPO, digest, T0.plusSeconds(1), "[\"new\"]", 2, Optional.of(T0))).isTrue();
        assertThat(scans.rematch(REPO, digest, T0.plusSeconds(1), "[\"older\"]", 2, Optional.empty()))
                .as("same revision").isFalse();
        ImageScan now = scans.find(REPO, digest).orElseThrow();
        assertThat(now.findings()).contains("[\"new\"]");
        assertThat(now.dbRevision()).isEqualTo(2);
        assertThat(scans.behind(2, 10)).isEmpty();
        assertThat(scans.completed(List.of(REPO), 10)).extracting(ImageScan::digest).containsExactly(digest);
        assertThat(scans.find(REPO, List.of(digest, image("e")))).extracting(ImageScan::digest)
                .containsExactly(digest);
    }

    @Test
    void registryScanningConfigurationIsReplacedWhole() {
        assertThat(scans.registryScanningConfiguration("123456789012")).isEmpty();
        scans.putRegistryScanningConfiguration("123456789012", "{\"scanType\":\"BASIC\"}", T0);
        scans.putRegistryScanningConfiguration("123456789012", "{\"scanType\":\"ENHANCED\"}", T0.plusSeconds(1));
        assertThat(scans.registryScanningConfiguration("123456789012")).contains("{\"scanType\":\"ENHANCED\"}");
    }

    @Test
    void aPullGateBelongsToItsRepository() {
        assertThat(scans.putPullGate(REPO, new PullGateSettings(Optional.of("HIGH"), true, List.of(), T0)))
                .as("no repository yet").isFalse();
        Digest layer = blob("1");
        Digest digest = image("f", layer);
        assertThat(scans.putPullGate(REPO, new PullGateSettings(Optional.of("HIGH"), true,
                List.of("CVE-2021-44228"), T0))).isTrue();
        assertThat(scans.putPullGate(REPO, new PullGateSettings(Optional.empty(), false,
                List.of("CVE-1", "GHSA-x"), T0.plusSeconds(1)))).isTrue();
        PullGateSettings gate = scans.pullGate(REPO).orElseThrow();
        assertThat(gate.minSeverity()).isEmpty();
        assertThat(gate.requireScan()).isFalse();
        assertThat(gate.allowedIds()).containsExactly("CVE-1", "GHSA-x");
        assertThat(scans.manifestsReferencing(REPO, layer)).containsExactly(digest);
        assertThat(scans.manifestsReferencing(REPO, blob("2"))).isEmpty();
        assertThat(scans.deletePullGate(REPO)).isTrue();
        assertThat(scans.deletePullGate(REPO)).isFalse();
        assertThat(scans.pullGate(REPO)).isEmpty();
    }
}
