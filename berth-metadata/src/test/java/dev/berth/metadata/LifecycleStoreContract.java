package dev.berth.metadata;

import static dev.berth.metadata.MetadataStoreContract.digest;
import static dev.berth.metadata.MetadataStoreContract.manifest;
import static dev.berth.metadata.MetadataStoreContract.referrer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.oci.Digest;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link LifecycleStore} contract: runs and plans, expiry out of every read path with its audit event, the
 * restore window, the final deletion, and the blobs of restorable images counted as referenced (the contract with
 * garbage collection). Subclasses open a store on an empty database.
 */
public abstract class LifecycleStoreContract {
    static final Instant T0 = Instant.parse("2026-03-04T05:06:07.089Z");
    static final Duration WINDOW = Duration.ofDays(7);
    static final RepositoryName APP = RepositoryName.parse("team/app");
    static final RepositoryName OTHER = RepositoryName.parse("team/other");
    static final String POLICY = "{\"rules\":[]}";

    protected JdbcMetadataStore store;
    protected LifecycleStore lifecycle;
    protected EcrStore ecr;

    protected abstract JdbcMetadataStore open();

    @BeforeEach
    void openStore() {
        store = open();
        lifecycle = store.lifecycleStore();
        ecr = store.ecrStore();
        store.createRepository(APP, T0);
        ecr.putLifecyclePolicy(APP, POLICY, T0);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static PlannedExpiry planned(Digest digest, int group, String... tags) {
        return new PlannedExpiry(digest, group, List.of(tags).stream().map(Tag::parse).toList(),
                "{\"rulePriority\":1,\"reason\":\"r\"}");
    }

    /** v1 (layer + config) with a signature; both expire together in one group. */
    private Digest[] pushSignedImage() {
        ManifestRecord v1 = manifest(APP, "v1");
        store.putManifest(v1, List.of(digest("layer-1"), digest("config-1")), List.of(), Tag.parse("v1"));
        store.putManifest(v1, List.of(), List.of(), Tag.parse("prod"));
        ManifestRecord sig = referrer(APP, "sig-1", v1.digest(), "application/vnd.dev.cosign");
        store.putManifest(sig, List.of(digest("sig-layer")), List.of(), null);
        return new Digest[] {v1.digest(), sig.digest()};
    }

    @Test
    void expiryRemovesTheImageFromEveryReadPathButKeepsItsBlobsReferenced() {
        Digest[] d = pushSignedImage();
        store.putManifest(manifest(APP, "kept"), List.of(digest("layer-kept")), List.of(), Tag.parse("v2"));
        LifecycleRun run = lifecycle.startRun(7, APP, POLICY, T0.plusSeconds(5),
                List.of(planned(d[0], 1, "prod", "v1"), planned(d[1], 1)));
        assertThat(run.pending()).isEqualTo(2);
        assertThat(ecr.lifecyclePolicy(APP).orElseThrow().lastEvaluated()).contains(T0.plusSeconds(5));

        assertThat(lifecycle.expireNext(run.id(), 100, T0.plusSeconds(6), T0.plusSeconds(6).plus(WINDOW)))
                .isEqualTo(2);
        assertThat(lifecycle.expireNext(run.id(), 100, T0.plusSeconds(6), T0.plus(WINDOW))).isZero();

        assertThat(store.findManifest(APP, d[0])).isEmpty();
        assertThat(store.findManifest(APP, d[1])).isEmpty();
        assertThat(store.resolveTag(APP, Tag.parse("v1"))).isEmpty();
        assertThat(store.listTags(APP, null, 10)).containsExactly(Tag.parse("v2"));
        assertThat(store.referrers(APP, d[0], null)).isEmpty();
        assertThat(store.missingManifests(APP, List.of(d[0]))).containsExactly(d[0]);
        assertThat(ecr.describeImages(APP, TagStatus.ANY, null, 10)).hasSize(1);
        assertThat(ecr.listImages(APP, TagStatus.ANY, null, 10)).hasSize(1);
        assertThat(ecr.lifecycleImages(APP)).hasSize(1);
        // garbage collection must keep what a restore would need: layers, config and the manifest bytes
        for (Digest blob : List.of(digest("layer-1"), digest("config-1"), digest("sig-layer"), d[0], d[1])) {
            assertThat(store.isBlobReferenced(blob)).as("blob %s", blob).isTrue();
        }

        List<ExpiredImage> expired = lifecycle.expiredImages(APP, T0.plusSeconds(7));
        assertThat(expired).extracting(ExpiredImage::digest).containsExactlyInAnyOrder(d[0], d[1]);
        ExpiredImage image = expired.stream().filter(e -> e.digest().equals(d[0])).findFirst().orElseThrow();
        assertThat(image.tags()).containsExactly(Tag.parse("prod"), Tag.parse("v1"));
        assertThat(image.restoreUntil()).isEqualTo(T0.plusSeconds(6).plus(WINDOW));

        List<AuditEvent> events = store.auditLog().list(Optional.of(APP.value()), Optional.empty(), 0, 10);
        assertThat(events).extracting(AuditEvent::action).containsOnly("lifecycle:ExpireImage").hasSize(2);
        assertThat(events).extracting(AuditEvent::actor).containsOnly(LifecycleStore.ACTOR);
        assertThat(events).extracting(e -> e.target().orElseThrow()).containsExactlyInAnyOrder(d[0].toString(),
                d[1].toString());
        assertThat(events.getFirst().detail()).contains("\"rulePriority\":1", "\"runId\":" + run.id());

        LifecycleRun after = lifecycle.run(run.id()).orElseThrow();
        assertThat(after.expired()).isEqualTo(2);
        assertThat(after.pending()).isZero();
        lifecycle.finishRun(run.id(), T0.plusSeconds(8));
        assertThat(lifecycle.run(run.id()).orElseThrow().done()).isTrue();
    }

    @Test
    void aRunIsPlannedOncePerJob() {
        Digest[] d = pushSignedImage();
        LifecycleRun first = lifecycle.startRun(9, APP, POLICY, T0, List.of(planned(d[1], 0)));
        LifecycleRun again = lifecycle.startRun(9, APP, POLICY, T0.plusSeconds(1),
                List.of(planned(d[0], 0, "prod", "v1"), planned(d[1], 0)));
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.pending()).isEqualTo(1);
        assertThat(lifecycle.runOfJob(9)).map(LifecycleRun::id).contains(first.id());
        assertThat(lifecycle.runOfJob(10)).isEmpty();
    }

    @Test
    void aGroupThatChangedSinceEvaluationIsLeftWhole() {
        Digest[] d = pushSignedImage();
        ManifestRecord untagged = manifest(APP, "untagged");
        store.putManifest(untagged, List.of(), List.of(), null);
        ManifestRecord lone = manifest(APP, "lone");
        store.putManifest(lone, List.of(), List.of(), null);
        LifecycleRun run = lifecycle.startRun(1, APP, POLICY, T0, List.of(
                planned(d[0], 1, "prod", "v1"), planned(d[1], 1),     // the signature's subject is re-tagged
                planned(untagged.digest(), 2),                          // gains a referrer after evaluation
                planned(lone.digest(), 3)));                             // unchanged
        store.putManifest(manifest(APP, "v1"), List.of(), List.of(), Tag.parse("again"));
        store.putManifest(referrer(APP, "late-sig", untagged.digest(), "x"), List.of(), List.of(), null);

        assertThat(lifecycle.expireNext(run.id(), 100, T0, T0.plus(WINDOW))).isEqualTo(4);
        LifecycleRun after = lifecycle.run(run.id()).orElseThrow();
        assertThat(after.skipped()).isEqualTo(3);
        assertThat(after.expired()).isEqualTo(1);
        assertThat(store.findManifest(APP, d[0])).isPresent();
        assertThat(store.findManifest(APP, d[1])).isPresent();
        assertThat(store.findManifest(APP, untagged.digest())).isPresent();
        assertThat(store.findManifest(APP, lone.digest())).isEmpty();
    }

    @Test
    void restoreBringsBackTheImageItsReferrersAndFreeTags() {
        Digest[] d = pushSignedImage();
        LifecycleRun run = lifecycle.startRun(1, APP, POLICY, T0,
                List.of(planned(d[0], 1, "prod", "v1"), planned(d[1], 1)));
        lifecycle.expireNext(run.id(), 100, T0, T0.plus(WINDOW));
        ManifestRecord newer = manifest(APP, "newer");
        store.putManifest(newer, List.of(), List.of(), Tag.parse("prod"));   // the tag moved on meanwhile

        RestoreOutcome outcome = lifecycle.restore(APP, d[0], T0.plus(WINDOW).minusSeconds(1), "arn:aws:iam::1:root")
                .orElseThrow();
        assertThat(outcome.restored()).containsExactly(d[0], d[1]);
        assertThat(outcome.tags()).containsExactly(Tag.parse("v1"));
        assertThat(outcome.tagsInUse()).containsExactly(Map.entry(Tag.parse("prod"), newer.digest()));
        assertThat(store.resolveTag(APP, Tag.parse("v1")).orElseThrow().digest()).isEqualTo(d[0]);
        assertThat(store.resolveTag(APP, Tag.parse("prod")).orElseThrow().digest()).isEqualTo(newer.digest());
        assertThat(store.referrers(APP, d[0], null)).extracting(ManifestRecord::digest).containsExactly(d[1]);
        assertThat(store.findManifest(APP, d[0]).orElseThrow()).isEqualTo(manifest(APP, "v1"));
        assertThat(lifecycle.expiredImages(APP, T0)).isEmpty();
        assertThat(store.auditLog().list(Optional.of(APP.value()), Optional.empty(), 0, 10))
                .filteredOn(e -> e.action().equals("lifecycle:RestoreImage"))
                .extracting(AuditEvent::actor).containsOnly("arn:aws:iam::1:root").hasSize(2);
        assertThat(lifecycle.restore(APP, d[0], T0, "x")).isEmpty();   // nothing expired any more
    }

    @Test
    void afterTheWindowTheImageIsDeletedForGoodAndItsBlobsAreNoLongerReferenced() {
        Digest[] d = pushSignedImage();
        LifecycleRun run = lifecycle.startRun(1, APP, POLICY, T0,
                List.of(planned(d[0], 1, "prod", "v1"), planned(d[1], 1)));
        lifecycle.expireNext(run.id(), 100, T0, T0.plus(WINDOW));
        assertThat(lifecycle.purgeExpired(T0.plus(WINDOW).minusMillis(1), 100)).isZero();
        assertThat(lifecycle.restore(APP, d[0], T0.plus(WINDOW), "x")).isEmpty();   // the window has closed

        assertThat(lifecycle.purgeExpired(T0.plus(WINDOW), 1)).isEqualTo(1);
        assertThat(lifecycle.purgeExpired(T0.plus(WINDOW), 100)).isEqualTo(1);
        assertThat(lifecycle.purgeExpired(T0.plus(WINDOW), 100)).isZero();
        for (Digest blob : List.of(digest("layer-1"), digest("config-1"), digest("sig-layer"), d[0], d[1])) {
            assertThat(store.isBlobReferenced(blob)).as("blob %s", blob).isFalse();
        }
        assertThat(store.auditLog().list(Optional.of(APP.value()), Optional.empty(), 0, 10))
                .filteredOn(e -> e.action().equals("lifecycle:DeleteExpiredImage")).hasSize(2);
    }

    @Test
    void garbageCollectionKeepsTheLinksARestoreNeedsUntilTheWindowCloses() {
        Digest[] d = pushSignedImage();
        List<Digest> blobs = List.of(digest("layer-1"), digest("config-1"), digest("sig-layer"));
        for (Digest blob : blobs) {
            store.linkBlob(APP, blob, 10, T0);
        }
        LifecycleRun run = lifecycle.startRun(1, APP, POLICY, T0,
                List.of(planned(d[0], 1, "prod", "v1"), planned(d[1], 1)));
        lifecycle.expireNext(run.id(), 100, T0, T0.plus(WINDOW));

        Instant muchLater = T0.plus(Duration.ofDays(30));
        assertThat(store.removeUnneededLinks(muchLater, null, 100).removed()).as("links of a restorable image")
                .isEmpty();
        lifecycle.restore(APP, d[0], T0.plusSeconds(1), "arn:aws:iam::1:root").orElseThrow();
        for (Digest blob : blobs) {
            assertThat(store.linkedBlobSize(APP, blob)).as("link of %s after restore", blob).contains(10L);
        }

        LifecycleRun again = lifecycle.startRun(2, APP, POLICY, T0,
                List.of(planned(d[0], 1, "prod", "v1"), planned(d[1], 1)));
        assertThat(lifecycle.expireNext(again.id(), 100, T0, T0.plus(WINDOW))).isEqualTo(2);
        assertThat(lifecycle.run(again.id()).orElseThrow().expired()).isEqualTo(2);
        assertThat(lifecycle.purgeExpired(T0.plus(WINDOW), 100)).isEqualTo(2);
        assertThat(store.removeUnneededLinks(muchLater, null, 100).removed()).extracting(BlobLink::digest)
                .containsExactlyInAnyOrderElementsOf(blobs);
    }

    @Test
    void anExpiredImageGoesWithItsRepository() {
        Digest[] d = pushSignedImage();
        LifecycleRun run = lifecycle.startRun(1, APP, POLICY, T0, List.of(planned(d[1], 1)));
        lifecycle.expireNext(run.id(), 100, T0, T0.plus(WINDOW));
        store.repositorySettings().delete(APP, true);
        assertThat(store.isBlobReferenced(digest("sig-layer"))).isFalse();
        store.createRepository(APP, T0);
        assertThat(lifecycle.expiredImages(APP, T0)).isEmpty();
    }

    @Test
    void reclaimableBytesCountOnlyBlobsNoOtherImageReferences() {
        ManifestRecord old = manifest(APP, "old");
        ManifestRecord kept = manifest(APP, "kept");
        store.linkBlob(APP, digest("shared-base"), 1000, T0);
        store.linkBlob(APP, digest("own-layer"), 300, T0);
        store.linkBlob(APP, digest("cross-repo"), 50, T0);
        store.linkBlob(OTHER, digest("cross-repo"), 50, T0);
        store.putManifest(old, List.of(digest("shared-base"), digest("own-layer"), digest("cross-repo")), List.of(),
                null);
        store.putManifest(kept, List.of(digest("shared-base")), List.of(), Tag.parse("v1"));
        store.putManifest(manifest(OTHER, "elsewhere"), List.of(digest("cross-repo")), List.of(), null);

        assertThat(lifecycle.reclaimableBytes(APP, List.of(old.digest()))).isEqualTo(300 + old.size());
        assertThat(lifecycle.reclaimableBytes(APP, List.of(old.digest(), kept.digest())))
                .isEqualTo(1000 + 300 + old.size() + kept.size());
        assertThat(lifecycle.reclaimableBytes(APP, List.of())).isZero();
        assertThat(lifecycle.repositoriesWithPolicy()).containsExactly(APP);
    }
}
