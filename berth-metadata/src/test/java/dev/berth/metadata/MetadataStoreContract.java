package dev.berth.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.oci.Digest;
import dev.berth.oci.DigestAlgorithm;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link MetadataStore} must have. An implementation's test is a short subclass that says
 * how to open a store; each test starts on an empty database, and {@link #open()} called again within one test
 * must reach the same database (the reopen tests rely on it).
 *
 * <p>Instants used here have millisecond precision, the finest every implementation must keep.
 */
public abstract class MetadataStoreContract {
    protected static final Instant T0 = Instant.parse("2026-03-04T05:06:07.089Z");
    protected static final RepositoryName APP = RepositoryName.parse("team/app");
    protected static final RepositoryName OTHER = RepositoryName.parse("team/other");
    protected static final String IMAGE_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    protected static final String SBOM = "application/vnd.example.sbom+json";
    protected static final String SIGNATURE = "application/vnd.example.signature";

    protected MetadataStore store;

    /** A store on this test's database: empty on the first call in a test, the same database on later calls. */
    protected abstract MetadataStore open();

    @BeforeEach
    void openStore() {
        store = open();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** Closes the store and opens a new one on the same database. */
    protected MetadataStore reopen() {
        store.close();
        store = open();
        return store;
    }

    // ---- repositories

    @Test
    void createRepositoryReportsWhetherItCreated() {
        assertThat(store.repositoryExists(APP)).isFalse();

        assertThat(store.createRepository(APP, T0)).isTrue();
        assertThat(store.createRepository(APP, T0.plusSeconds(1))).isFalse();

        assertThat(store.repositoryExists(APP)).isTrue();
        assertThat(store.repositoryExists(OTHER)).isFalse();
    }

    static final List<String> REPOSITORY_NAMES =
            List.of("b", "a", "a/b", "a-b", "a.b", "a_b", "a__b", "library/alpine", "z9", "0", "9z", "a0");

    static Stream<Arguments> repositoryPages() {
        return Stream.of(
                Arguments.of(null, 100),
                Arguments.of(null, 3),
                Arguments.of("a-b", 2),
                Arguments.of("a/a", 4),      // a cursor that is not itself a repository
                Arguments.of("a_b", 100),
                Arguments.of("z9", 10),      // after the last one
                Arguments.of(null, 0));
    }

    @ParameterizedTest(name = "after={0} limit={1}")
    @MethodSource("repositoryPages")
    void listRepositoriesPagesInByteOrder(String after, int limit) {
        REPOSITORY_NAMES.forEach(n -> store.createRepository(RepositoryName.parse(n), T0));

        List<RepositoryName> expected = REPOSITORY_NAMES.stream().sorted()
                .filter(n -> after == null || n.compareTo(after) > 0)
                .limit(limit).map(RepositoryName::parse).toList();
        assertThat(store.listRepositories(after == null ? null : RepositoryName.parse(after), limit))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void walkingRepositoryPagesVisitsEachOnceInOrder() {
        REPOSITORY_NAMES.forEach(n -> store.createRepository(RepositoryName.parse(n), T0));

        List<RepositoryName> seen = new ArrayList<>();
        List<RepositoryName> page = store.listRepositories(null, 5);
        while (!page.isEmpty()) {
            seen.addAll(page);
            page = store.listRepositories(page.getLast(), 5);
        }
        assertThat(seen).containsExactlyElementsOf(REPOSITORY_NAMES.stream().sorted().map(RepositoryName::parse)
                .toList());
    }

    @Test
    void negativeLimitIsRefused() {
        assertThatThrownBy(() -> store.listRepositories(null, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.listTags(APP, null, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- blob links

    @Test
    void linkBlobCreatesTheRepositoryAndIsIdempotent() {
        Digest layer = digest("layer");

        store.linkBlob(APP, layer, 1234, T0);
        store.linkBlob(APP, layer, 1234, T0.plusSeconds(5));

        assertThat(store.repositoryExists(APP)).isTrue();
        assertThat(store.linkedBlobSize(APP, layer)).contains(1234L);
        assertThat(store.linkedBlobSize(OTHER, layer)).isEmpty();
        assertThat(store.listRepositories(null, 10)).containsExactly(APP);
    }

    @Test
    void unlinkBlobRemovesOnlyThatRepositorysLink() {
        Digest layer = digest("layer");
        store.linkBlob(APP, layer, 10, T0);
        store.linkBlob(OTHER, layer, 10, T0);

        assertThat(store.unlinkBlob(APP, layer)).isTrue();
        assertThat(store.unlinkBlob(APP, layer)).isFalse();
        assertThat(store.unlinkBlob(RepositoryName.parse("never/created"), layer)).isFalse();

        assertThat(store.linkedBlobSize(APP, layer)).isEmpty();
        assertThat(store.linkedBlobSize(OTHER, layer)).contains(10L);
    }

    @ParameterizedTest(name = "{0} digests")
    @ValueSource(ints = {0, 1, 2, 499, 500, 501, 1001, 1203})
    void missingBlobsFindsTheUnlinkedOnesAcrossChunks(int count) {
        List<Digest> digests = digests("blob", count);
        for (int i = 0; i < count; i += 2) {
            store.linkBlob(APP, digests.get(i), i, T0);
        }
        store.linkBlob(OTHER, digest("elsewhere"), 1, T0);

        Set<Digest> expected = Set.copyOf(IntStream.range(0, count).filter(i -> i % 2 == 1)
                .mapToObj(digests::get).toList());
        assertThat(store.missingBlobs(APP, digests)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void missingBlobsToleratesDuplicatesAndUnknownRepositories() {
        Digest linked = digest("linked");
        Digest unlinked = digest("unlinked");
        store.linkBlob(APP, linked, 1, T0);

        assertThat(store.missingBlobs(APP, List.of(linked, unlinked, linked, unlinked))).containsExactly(unlinked);
        assertThat(store.missingBlobs(RepositoryName.parse("nobody/here"), List.of(linked, unlinked)))
                .containsExactlyInAnyOrder(linked, unlinked);
    }

    @Test
    void isBlobReferencedWhileAManifestListsItEvenIfUnlinked() {
        Digest layer = digest("layer");
        store.linkBlob(APP, layer, 1, T0);
        ManifestRecord manifest = manifest(APP, "m");
        store.putManifestChecked(manifest, List.of(layer), List.of(), null);
        store.unlinkBlob(APP, layer); // DELETE /v2/<name>/blobs/<digest> with a manifest still using it

        assertThat(store.isBlobReferenced(layer)).isTrue();
        assertThat(store.unreferencedBlobs(List.of(layer))).isEmpty();
        store.deleteManifest(APP, manifest.digest());
        assertThat(store.isBlobReferenced(layer)).isFalse();
    }

    @Test
    void aHoldIsAReferenceUntilReleasedOrPurged() {
        Digest blob = digest("in flight");
        long hold = store.holdBlob(blob, T0);
        long second = store.holdBlob(blob, T0.plusSeconds(10));
        assertThat(second).isNotEqualTo(hold);
        assertThat(store.isBlobReferenced(blob)).isTrue();

        store.releaseHold(hold);
        assertThat(store.isBlobReferenced(blob)).as("the second push still holds it").isTrue();
        assertThat(store.purgeHolds(T0.plusSeconds(10))).isZero();
        assertThat(store.purgeHolds(T0.plusSeconds(11))).isEqualTo(1);
        assertThat(store.isBlobReferenced(blob)).isFalse();
        store.releaseHold(second); // gone already: harmless
    }

    @Test
    void unreferencedBlobsAnswersForManyDigestsAtOnce() {
        List<Digest> digests = IntStream.range(0, 1234).mapToObj(i -> digest("blob " + i)).toList();
        for (int i = 0; i < digests.size(); i += 100) {
            store.linkBlob(i % 200 == 0 ? APP : OTHER, digests.get(i), 1, T0);
        }
        store.holdBlob(digests.get(1), T0);
        ManifestRecord manifest = manifest(APP, "lists 2");
        store.putManifest(manifest, List.of(digests.get(2)), List.of(), null);

        Set<Digest> unreferenced = store.unreferencedBlobs(digests);

        Set<Digest> expected = new java.util.HashSet<>(digests);
        for (int i = 0; i < digests.size(); i += 100) {
            expected.remove(digests.get(i));
        }
        expected.remove(digests.get(1));
        expected.remove(digests.get(2));
        assertThat(unreferenced).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(store.unreferencedBlobs(List.of(manifest.digest()))).as("a manifest's own bytes").isEmpty();
        assertThat(store.unreferencedBlobs(List.of())).isEmpty();
    }

    @Test
    void removeUnneededLinksKeepsLinksAManifestUsesAndRecentOnes() {
        Digest used = digest("used");
        Digest unused = digest("unused");
        Digest recent = digest("recent");
        Digest shared = digest("shared");
        store.linkBlob(APP, used, 10, T0);
        store.linkBlob(APP, unused, 20, T0);
        store.linkBlob(APP, shared, 30, T0);
        store.linkBlob(OTHER, shared, 30, T0);
        store.linkBlob(APP, recent, 40, T0.plusSeconds(3600));
        store.putManifestChecked(manifest(APP, "m"), List.of(used), List.of(), null);
        store.putManifestChecked(manifest(OTHER, "m"), List.of(shared), List.of(), null);

        LinkRemoval step = store.removeUnneededLinks(T0.plusSeconds(60), null, 100);

        assertThat(step.next()).isEmpty();
        assertThat(step.removed()).containsExactlyInAnyOrder(new BlobLink(APP, unused, 20), new BlobLink(APP, shared, 30));
        assertThat(store.linkedBlobSize(APP, used)).contains(10L);
        assertThat(store.linkedBlobSize(APP, unused)).isEmpty();
        assertThat(store.linkedBlobSize(APP, recent)).contains(40L);
        assertThat(store.linkedBlobSize(OTHER, shared)).as("another repository's manifest uses it").contains(30L);
        assertThat(store.removeUnneededLinks(T0.plusSeconds(60), null, 100).removed()).isEmpty();
    }

    @Test
    void linkingAgainMovesTheLinkTimeForward() {
        Digest layer = digest("relinked");
        store.linkBlob(APP, layer, 1, T0);
        store.linkBlob(APP, layer, 1, T0.plusSeconds(3600));
        store.linkBlob(APP, layer, 1, T0.plusSeconds(5)); // never backwards

        assertThat(store.removeUnneededLinks(T0.plusSeconds(3600), null, 10).removed()).isEmpty();
        assertThat(store.removeUnneededLinks(T0.plusSeconds(3601), null, 10).removed()).extracting(BlobLink::digest)
                .containsExactly(layer);
    }

    @Test
    void removeUnneededLinksWalksEveryLinkOnceInSteps() {
        List<Digest> unused = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Digest needed = digest("needed " + i);
            store.linkBlob(i % 2 == 0 ? APP : OTHER, needed, i, T0);
            store.putManifestChecked(manifest(i % 2 == 0 ? APP : OTHER, "uses " + i), List.of(needed), List.of(),
                    null);
            unused.add(digest("unused " + i));
            store.linkBlob(i % 2 == 0 ? OTHER : APP, unused.getLast(), i, T0.plusMillis(i));
        }
        assertThat(store.removeUnneededLinks(T0.plusSeconds(1), null, 0).removed()).isEmpty();

        List<Digest> removed = new ArrayList<>();
        int steps = 0;
        String cursor = null;
        do {
            LinkRemoval step = store.removeUnneededLinks(T0.plusSeconds(1), cursor, 3);
            assertThat(step.removed()).hasSizeLessThanOrEqualTo(3);
            step.removed().forEach(l -> removed.add(l.digest()));
            cursor = step.next().orElse(null);
            steps++;
        } while (cursor != null);

        assertThat(removed).containsExactlyInAnyOrderElementsOf(unused);
        assertThat(steps).isBetween(3, 4);
        assertThatThrownBy(() -> store.removeUnneededLinks(T0, "not a cursor", 3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void putManifestCheckedRefusesUnlinkedBlobsAndUnknownChildrenStoringNothing() {
        Digest linked = digest("linked");
        Digest unlinked = digest("unlinked");
        store.linkBlob(APP, linked, 1, T0);
        store.linkBlob(OTHER, unlinked, 1, T0);
        ManifestRecord image = manifest(APP, "image");
        Tag tag = Tag.parse("v1");

        assertThatThrownBy(() -> store.putManifestChecked(image, List.of(linked, unlinked), List.of(), tag))
                .isInstanceOfSatisfying(MissingReferencesException.class,
                        e -> assertThat(e.missing()).containsExactly(unlinked));
        assertThat(store.findManifest(APP, image.digest())).isEmpty();
        assertThat(store.resolveTag(APP, tag)).isEmpty();

        ManifestRecord index = manifest(APP, "index");
        Digest child = manifest(APP, "absent child").digest();
        assertThatThrownBy(() -> store.putManifestChecked(index, List.of(), List.of(child), null))
                .isInstanceOfSatisfying(MissingReferencesException.class,
                        e -> assertThat(e.missing()).containsExactly(child));

        store.linkBlob(APP, unlinked, 1, T0);
        store.putManifestChecked(image, List.of(linked, unlinked), List.of(), tag);
        store.putManifestChecked(index, List.of(), List.of(image.digest()), null);
        assertThat(store.resolveTag(APP, tag)).contains(image);
        assertThat(store.findManifest(APP, index.digest())).isPresent();
    }

    /**
     * Pushes of manifests racing the removal of the links they need: afterwards every stored manifest still has
     * every blob linked (each push either committed first, and the removal kept its links, or found them gone).
     */
    @Test
    void linkRemovalNeverLeavesAStoredManifestWithoutItsLinks() throws Exception {
        int rounds = 60;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < rounds; round++) {
                Digest layer = digest("raced layer " + round);
                store.linkBlob(APP, layer, 1, T0);
                ManifestRecord image = manifest(APP, "raced " + round);
                CountDownLatch go = new CountDownLatch(1);
                Future<Boolean> push = pool.submit(() -> {
                    go.await();
                    try {
                        store.putManifestChecked(image, List.of(layer), List.of(), null);
                        return true;
                    } catch (MissingReferencesException e) {
                        return false;
                    }
                });
                Future<LinkRemoval> removal = pool.submit(() -> {
                    go.await();
                    return store.removeUnneededLinks(T0.plusSeconds(1), null, 10);
                });
                go.countDown();
                boolean stored = push.get(30, TimeUnit.SECONDS);
                removal.get(30, TimeUnit.SECONDS);
                assertThat(store.findManifest(APP, image.digest()).isPresent()).isEqualTo(stored);
                if (stored) {
                    assertThat(store.linkedBlobSize(APP, layer)).as("round %d", round).isPresent();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void uploadsStartedBeforeAListOldestFirst() {
        store.createUpload(new UploadRecord("u-late", APP, T0.plusSeconds(20)));
        store.createUpload(new UploadRecord("u-early", OTHER, T0));
        store.createUpload(new UploadRecord("u-new", APP, T0.plusSeconds(100)));

        assertThat(store.uploadsStartedBefore(T0.plusSeconds(60), 10)).extracting(UploadRecord::id)
                .containsExactly("u-early", "u-late");
        assertThat(store.uploadsStartedBefore(T0.plusSeconds(60), 1)).extracting(UploadRecord::id)
                .containsExactly("u-early");
        assertThat(store.uploadsStartedBefore(T0, 10)).isEmpty();
    }

    @Test
    void isBlobReferencedWhileAnyRepositoryLinksItOrAManifestHasItsDigest() {
        Digest layer = digest("layer");
        assertThat(store.isBlobReferenced(layer)).isFalse();

        store.linkBlob(APP, layer, 1, T0);
        store.linkBlob(OTHER, layer, 1, T0);
        store.unlinkBlob(APP, layer);
        assertThat(store.isBlobReferenced(layer)).isTrue();
        store.unlinkBlob(OTHER, layer);
        assertThat(store.isBlobReferenced(layer)).isFalse();

        ManifestRecord manifest = manifest(APP, "m");
        store.putManifest(manifest, List.of(), List.of(), null);
        assertThat(store.isBlobReferenced(manifest.digest())).isTrue();
        store.deleteManifest(APP, manifest.digest());
        assertThat(store.isBlobReferenced(manifest.digest())).isFalse();
    }

    // ---- manifests and tags

    @Test
    void putManifestWithTagThenRetagToAnotherDigest() {
        ManifestRecord first = manifest(APP, "first");
        ManifestRecord second = manifest(APP, "second");
        Tag latest = Tag.parse("latest");

        store.putManifest(first, List.of(digest("l1")), List.of(), latest);
        assertThat(store.repositoryExists(APP)).isTrue();
        assertThat(store.resolveTag(APP, latest)).contains(first);

        store.putManifest(second, List.of(digest("l2")), List.of(), latest);
        assertThat(store.resolveTag(APP, latest)).contains(second);
        assertThat(store.findManifest(APP, first.digest())).contains(first);
        assertThat(store.listTags(APP, null, 10)).containsExactly(latest);
    }

    @Test
    void putManifestAgainKeepsTheFirstRecordAndMovesTheTag() {
        ManifestRecord original = manifest(APP, "m");
        ManifestRecord again = new ManifestRecord(APP, original.digest(), original.mediaType(), original.size(),
                T0.plusSeconds(60), null, null, Map.of());
        store.putManifest(original, List.of(digest("l")), List.of(), Tag.parse("v1"));

        store.putManifest(again, List.of(digest("l")), List.of(), Tag.parse("v2"));

        assertThat(store.findManifest(APP, original.digest())).contains(original);
        assertThat(store.resolveTag(APP, Tag.parse("v2"))).contains(original);
        assertThat(store.listTags(APP, null, 10)).containsExactly(Tag.parse("v1"), Tag.parse("v2"));
    }

    @Test
    void findManifestRoundTripsEveryField() {
        Map<String, String> annotations = Map.of(
                "org.opencontainers.image.created", "2026-03-04T05:06:07Z",
                "org.example.quote", "say \"hi\" \\ \u00e9t\u00e9 \u2603",
                "empty", "");
        ManifestRecord full = new ManifestRecord(APP, digest("full"), IMAGE_MANIFEST, 7_654_321_012L, T0,
                digest("subject"), SBOM, annotations);
        ManifestRecord bare = new ManifestRecord(APP, digest("bare"),
                "application/vnd.oci.image.index.v1+json", 0, T0.plusMillis(1), null, null, null);

        store.putManifest(full, List.of(), List.of(), null);
        store.putManifest(bare, List.of(), List.of(full.digest()), null);

        assertThat(store.findManifest(APP, full.digest())).contains(full);
        assertThat(store.findManifest(APP, bare.digest())).hasValueSatisfying(found -> {
            assertThat(found).isEqualTo(bare);
            assertThat(found.subjectDigest()).isEmpty();
            assertThat(found.effectiveArtifactType()).isEmpty();
            assertThat(found.annotations()).isEmpty();
        });
        assertThat(store.findManifest(OTHER, full.digest())).isEmpty();
        assertThat(store.findManifest(APP, digest("absent"))).isEmpty();
    }

    @Test
    void resolveTagOfUnknownTagOrRepositoryIsEmpty() {
        store.putManifest(manifest(APP, "m"), List.of(), List.of(), Tag.parse("v1"));

        assertThat(store.resolveTag(APP, Tag.parse("v2"))).isEmpty();
        assertThat(store.resolveTag(OTHER, Tag.parse("v1"))).isEmpty();
    }

    @ParameterizedTest(name = "{0} digests")
    @ValueSource(ints = {0, 1, 3, 500, 501, 777})
    void missingManifestsFindsTheAbsentOnesAcrossChunks(int count) {
        List<Digest> digests = digests("manifest", count);
        for (int i = 0; i < count; i += 3) {
            store.putManifest(manifest(APP, digests.get(i)), List.of(), List.of(), null);
        }
        store.linkBlob(APP, digest("a blob, not a manifest"), 1, T0);

        Set<Digest> expected = Set.copyOf(IntStream.range(0, count).filter(i -> i % 3 != 0)
                .mapToObj(digests::get).toList());
        assertThat(store.missingManifests(APP, digests)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(store.missingManifests(APP, List.of(digest("a blob, not a manifest")))).hasSize(1);
    }

    static Stream<Arguments> referrerFilters() {
        return Stream.of(
                Arguments.of(null, List.of("sbom-1", "sbom-2", "signature")),
                Arguments.of(SBOM, List.of("sbom-1", "sbom-2")),
                Arguments.of(SIGNATURE, List.of("signature")),
                Arguments.of("application/vnd.example.unknown", List.of()));
    }

    @ParameterizedTest(name = "artifactType={0}")
    @MethodSource("referrerFilters")
    void referrersOfASubjectOptionallyFilteredByArtifactType(String artifactType, List<String> expectedSeeds) {
        Digest subject = digest("subject");
        store.putManifest(manifest(APP, "subject"), List.of(), List.of(), Tag.parse("v1"));
        store.putManifest(referrer(APP, "sbom-1", subject, SBOM), List.of(), List.of(), null);
        store.putManifest(referrer(APP, "sbom-2", subject, SBOM), List.of(), List.of(), null);
        store.putManifest(referrer(APP, "signature", subject, SIGNATURE), List.of(), List.of(), null);
        store.putManifest(referrer(APP, "of-another", digest("another subject"), SBOM), List.of(), List.of(), null);
        store.putManifest(referrer(OTHER, "elsewhere", subject, SBOM), List.of(), List.of(), null);

        List<ManifestRecord> expected = expectedSeeds.stream()
                .map(seed -> referrer(APP, seed, subject, seed.startsWith("sbom") ? SBOM : SIGNATURE))
                .sorted((a, b) -> a.digest().toString().compareTo(b.digest().toString()))
                .toList();
        assertThat(store.referrers(APP, subject, artifactType)).containsExactlyElementsOf(expected);
    }

    @Test
    void referrersMayArriveBeforeTheirSubject() {
        Digest subject = digest("not pushed yet");
        ManifestRecord signature = referrer(APP, "signature", subject, SIGNATURE);
        store.putManifest(signature, List.of(), List.of(), null);

        assertThat(store.referrers(APP, subject, null)).containsExactly(signature);
    }

    @Test
    void deleteManifestRemovesItsTagsButNotOthers() {
        ManifestRecord doomed = manifest(APP, "doomed");
        ManifestRecord kept = manifest(APP, "kept");
        store.putManifest(doomed, List.of(digest("l1")), List.of(), Tag.parse("v1"));
        store.putManifest(doomed, List.of(digest("l1")), List.of(), Tag.parse("latest"));
        store.putManifest(kept, List.of(digest("l1")), List.of(doomed.digest()), Tag.parse("v2"));
        store.putManifest(manifest(OTHER, "doomed"), List.of(), List.of(), Tag.parse("v1"));

        assertThat(store.deleteManifest(APP, doomed.digest())).isTrue();
        assertThat(store.deleteManifest(APP, doomed.digest())).isFalse();
        assertThat(store.deleteManifest(RepositoryName.parse("never/created"), doomed.digest())).isFalse();

        assertThat(store.findManifest(APP, doomed.digest())).isEmpty();
        assertThat(store.resolveTag(APP, Tag.parse("v1"))).isEmpty();
        assertThat(store.resolveTag(APP, Tag.parse("latest"))).isEmpty();
        assertThat(store.listTags(APP, null, 10)).containsExactly(Tag.parse("v2"));
        assertThat(store.resolveTag(APP, Tag.parse("v2"))).contains(kept);
        assertThat(store.resolveTag(OTHER, Tag.parse("v1"))).isPresent();
    }

    @Test
    void aDeletedManifestCanBePushedAgain() {
        ManifestRecord manifest = manifest(APP, "m");
        store.putManifest(manifest, List.of(digest("l1"), digest("l2")), List.of(digest("c")), Tag.parse("v1"));
        store.deleteManifest(APP, manifest.digest());

        store.putManifest(manifest, List.of(digest("l1"), digest("l2")), List.of(digest("c")), Tag.parse("v1"));

        assertThat(store.resolveTag(APP, Tag.parse("v1"))).contains(manifest);
    }

    @Test
    void deleteTagKeepsTheManifest() {
        ManifestRecord manifest = manifest(APP, "m");
        store.putManifest(manifest, List.of(), List.of(), Tag.parse("v1"));

        assertThat(store.deleteTag(APP, Tag.parse("v1"))).isTrue();
        assertThat(store.deleteTag(APP, Tag.parse("v1"))).isFalse();
        assertThat(store.deleteTag(OTHER, Tag.parse("v1"))).isFalse();

        assertThat(store.resolveTag(APP, Tag.parse("v1"))).isEmpty();
        assertThat(store.findManifest(APP, manifest.digest())).contains(manifest);
        assertThat(store.listTags(APP, null, 10)).isEmpty();
    }

    static final List<String> TAGS = List.of("latest", "v1.9", "v1.10", "V2", "_build", "1.0", "1.0-rc1", "1.0.1",
            "a-b", "a.b", "a_b", "A", "Z", "a", "z");

    static Stream<Arguments> tagPages() {
        return Stream.of(
                Arguments.of(null, 100),
                Arguments.of(null, 4),
                Arguments.of("1.0", 3),
                Arguments.of("V2", 100),     // upper case sorts before '_' and lower case in byte order
                Arguments.of("a", 2),
                Arguments.of("b", 5),        // a cursor that is not itself a tag
                Arguments.of("z", 5),
                Arguments.of("latest", 0));
    }

    @ParameterizedTest(name = "after={0} limit={1}")
    @MethodSource("tagPages")
    void listTagsPagesInByteOrder(String after, int limit) {
        ManifestRecord manifest = manifest(APP, "m");
        TAGS.forEach(t -> store.putManifest(manifest, List.of(), List.of(), Tag.parse(t)));
        store.putManifest(manifest(OTHER, "m"), List.of(), List.of(), Tag.parse("only-in-other"));

        List<Tag> expected = TAGS.stream().sorted().filter(t -> after == null || t.compareTo(after) > 0)
                .limit(limit).map(Tag::parse).toList();
        assertThat(store.listTags(APP, after == null ? null : Tag.parse(after), limit))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void listTagsOfUnknownRepositoryIsEmpty() {
        assertThat(store.listTags(RepositoryName.parse("nobody/here"), null, 10)).isEmpty();
    }

    // ---- upload sessions

    @Test
    void uploadsAreCreatedFoundAndDeleted() {
        UploadRecord upload = new UploadRecord("0f1e2d3c-upload", APP, T0);
        assertThat(store.findUpload(upload.id())).isEmpty();

        store.createUpload(upload);
        store.createUpload(new UploadRecord("another", OTHER, T0.plusMillis(3)));

        assertThat(store.findUpload(upload.id())).contains(upload);
        assertThat(store.deleteUpload(upload.id())).isTrue();
        assertThat(store.deleteUpload(upload.id())).isFalse();
        assertThat(store.findUpload(upload.id())).isEmpty();
        assertThat(store.findUpload("another")).contains(new UploadRecord("another", OTHER, T0.plusMillis(3)));
    }

    // ---- durability

    @Test
    void everythingSurvivesReopeningTwice() {
        ManifestRecord image = referrer(APP, "image", digest("base"), SBOM);
        store.linkBlob(APP, digest("layer"), 42, T0);
        store.putManifest(image, List.of(digest("layer")), List.of(), Tag.parse("v1"));
        store.createRepository(OTHER, T0);
        store.createUpload(new UploadRecord("u1", APP, T0));

        for (int i = 0; i < 2; i++) {
            reopen();

            assertThat(store.listRepositories(null, 10)).containsExactly(APP, OTHER);
            assertThat(store.linkedBlobSize(APP, digest("layer"))).contains(42L);
            assertThat(store.resolveTag(APP, Tag.parse("v1"))).contains(image);
            assertThat(store.referrers(APP, digest("base"), SBOM)).containsExactly(image);
            assertThat(store.findUpload("u1")).contains(new UploadRecord("u1", APP, T0));
        }
        store.putManifest(manifest(APP, "after reopen"), List.of(), List.of(), Tag.parse("v2"));
        assertThat(store.listTags(APP, null, 10)).containsExactly(Tag.parse("v1"), Tag.parse("v2"));
    }

    // ---- concurrency

    @Test
    void sixteenConcurrentPushersAllSucceed() throws Exception {
        int threads = 16;
        int rounds = 20;
        RepositoryName shared = RepositoryName.parse("shared/app");
        ManifestRecord common = manifest(shared, "common");
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Void>> pushers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            pushers.add(() -> {
                RepositoryName own = RepositoryName.parse("team-" + thread + "/app");
                start.await();
                for (int r = 0; r < rounds; r++) {
                    RepositoryName raced = RepositoryName.parse("race/r" + r);   // every thread creates it
                    Digest layer = digest("layer-" + thread + "-" + r);
                    store.linkBlob(shared, layer, r, T0);
                    store.linkBlob(own, layer, r, T0);
                    store.linkBlob(raced, digest("same for all"), 1, T0);
                    store.putManifest(manifest(shared, "m-" + thread + "-" + r), List.of(layer), List.of(),
                            Tag.parse("t" + thread + "-" + r));
                    store.putManifest(manifest(own, "m-" + r), List.of(layer), List.of(), Tag.parse("latest"));
                    store.putManifest(common, List.of(), List.of(), Tag.parse("latest"));
                    assertThat(store.missingBlobs(shared, List.of(layer))).isEmpty();
                }
                return null;
            });
        }

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> results = pushers.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Void> result : results) {
                result.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.listTags(shared, null, 1000)).hasSize(threads * rounds + 1);
        assertThat(store.resolveTag(shared, Tag.parse("latest"))).contains(common);
        assertThat(store.listRepositories(null, 1000)).hasSize(1 + threads + rounds);
        for (int t = 0; t < threads; t++) {
            RepositoryName own = RepositoryName.parse("team-" + t + "/app");
            assertThat(store.resolveTag(own, Tag.parse("latest"))).contains(manifest(own, "m-" + (rounds - 1)));
            List<Digest> layers = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                layers.add(digest("layer-" + t + "-" + r));
            }
            assertThat(store.missingBlobs(own, layers)).isEmpty();
            assertThat(store.missingBlobs(shared, layers)).isEmpty();
        }
    }

    // ---- fixtures

    protected static Digest digest(String seed) {
        return Digest.compute(DigestAlgorithm.SHA256, seed.getBytes(StandardCharsets.UTF_8));
    }

    protected static List<Digest> digests(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> digest(prefix + "-" + i)).toList();
    }

    /** A plain image manifest whose digest and size follow from the seed. */
    protected static ManifestRecord manifest(RepositoryName repository, String seed) {
        return manifest(repository, digest(seed));
    }

    protected static ManifestRecord manifest(RepositoryName repository, Digest digest) {
        return new ManifestRecord(repository, digest, IMAGE_MANIFEST, 500 + digest.hex().charAt(0), T0,
                null, null, Map.of("org.opencontainers.image.ref.name", "x"));
    }

    protected static ManifestRecord referrer(RepositoryName repository, String seed, Digest subject,
                                             String artifactType) {
        return new ManifestRecord(repository, digest(seed), IMAGE_MANIFEST, 321, T0.plusSeconds(1), subject,
                artifactType, Map.of("org.example.seed", seed));
    }
}
