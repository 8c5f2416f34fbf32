package dev.berth.metadata;

import static dev.berth.metadata.MetadataStoreContract.digest;
import static dev.berth.metadata.MetadataStoreContract.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;
import dev.berth.oci.TagMutability;
import dev.berth.oci.TagMutability.Mode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link RepositorySettingsStore} must have, together with the {@link MetadataStore} it belongs
 * to: settings recorded and changed, resource tags, deletion with and without {@code force}, and the tag mutability
 * that {@link MetadataStore#putManifest} applies. An implementation's test is a short subclass saying how to open
 * the pair; each test starts on an empty database.
 */
public abstract class RepositorySettingsStoreContract {
    protected static final Instant T0 = MetadataStoreContract.T0;
    protected static final RepositoryName APP = MetadataStoreContract.APP;
    protected static final RepositoryName OTHER = MetadataStoreContract.OTHER;
    protected static final String ACCOUNT = "123456789012";

    protected MetadataStore store;
    protected RepositorySettingsStore settings;

    /** A metadata store on this test's database: empty on the first call in a test. */
    protected abstract MetadataStore open();

    /** The settings store that belongs to {@code store}. */
    protected abstract RepositorySettingsStore settingsOf(MetadataStore store);

    @BeforeEach
    void openStores() {
        store = open();
        settings = settingsOf(store);
    }

    @AfterEach
    void closeStores() {
        store.close();
    }

    // ---- create and find

    @Test
    void createRecordsEverySettingAndFindReadsItBack() {
        RepositorySettings full = new RepositorySettings(APP, ACCOUNT, T0,
                TagMutability.of(Mode.IMMUTABLE_WITH_EXCLUSION, "latest", "dev-*", "*-rc*"), true,
                new EncryptionConfiguration(EncryptionConfiguration.Type.KMS,
                        "arn:aws:kms:us-east-1:123456789012:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"));
        RepositorySettings plain = RepositorySettings.defaults(OTHER, ACCOUNT, T0.plusMillis(1));

        settings.create(full, List.of());
        settings.create(plain, List.of());

        assertThat(settings.find(APP)).contains(full);
        assertThat(settings.find(OTHER)).contains(plain);
        assertThat(settings.find(RepositoryName.parse("nobody/here"))).isEmpty();
        assertThat(store.repositoryExists(APP)).isTrue();
        assertThat(store.listRepositories(null, 10)).containsExactly(APP, OTHER);
    }

    @Test
    void everyModeAndEncryptionTypeRoundTrips() {
        List<TagMutability> mutabilities = List.of(TagMutability.MUTABLE, TagMutability.IMMUTABLE,
                TagMutability.of(Mode.IMMUTABLE_WITH_EXCLUSION, "a", "b", "c", "d", "e"),
                TagMutability.of(Mode.MUTABLE_WITH_EXCLUSION, "x".repeat(128)));
        List<EncryptionConfiguration> encryptions = List.of(EncryptionConfiguration.AES256,
                new EncryptionConfiguration(EncryptionConfiguration.Type.KMS, null),
                new EncryptionConfiguration(EncryptionConfiguration.Type.KMS_DSSE, "alias/berth"),
                new EncryptionConfiguration(EncryptionConfiguration.Type.KMS, "k".repeat(2048)));
        List<RepositorySettings> created = new ArrayList<>();
        for (int i = 0; i < mutabilities.size(); i++) {
            for (int j = 0; j < encryptions.size(); j++) {
                RepositorySettings s = new RepositorySettings(RepositoryName.parse("r" + i + "/e" + j), ACCOUNT,
                        T0.plusMillis(i * 10L + j), mutabilities.get(i), (i + j) % 2 == 0, encryptions.get(j));
                settings.create(s, List.of());
                created.add(s);
            }
        }
        assertThat(settings.list(null, 100)).containsExactlyElementsOf(created);
    }

    @Test
    void createRefusesAnExistingRepositoryAndChangesNothing() {
        RepositorySettings first = RepositorySettings.defaults(APP, ACCOUNT, T0);
        settings.create(first, List.of(new ResourceTag("team", "a")));
        store.linkBlob(OTHER, digest("layer"), 1, T0);   // created implicitly

        RepositorySettings again = new RepositorySettings(APP, ACCOUNT, T0.plusSeconds(1), TagMutability.IMMUTABLE,
                true, EncryptionConfiguration.AES256);
        assertThatThrownBy(() -> settings.create(again, List.of(new ResourceTag("team", "b"))))
                .isInstanceOfSatisfying(RepositoryAlreadyExistsException.class,
                        e -> assertThat(e.repository()).isEqualTo(APP));
        assertThatThrownBy(() -> settings.create(RepositorySettings.defaults(OTHER, ACCOUNT, T0), List.of()))
                .isInstanceOf(RepositoryAlreadyExistsException.class);

        assertThat(settings.find(APP)).contains(first);
        assertThat(settings.resourceTags(APP)).contains(List.of(new ResourceTag("team", "a")));
    }

    @Test
    void repositoriesCreatedByAPushHaveDefaultSettingsAndNoRegistryId() {
        store.linkBlob(APP, digest("layer"), 1, T0);
        store.putManifest(manifest(OTHER, "m"), List.of(), List.of(), Tag.parse("v1"));
        RepositoryName third = RepositoryName.parse("team/third");
        store.createRepository(third, T0.plusMillis(5));

        assertThat(settings.find(APP)).contains(RepositorySettings.defaults(APP, null, T0));
        assertThat(settings.find(OTHER)).contains(RepositorySettings.defaults(OTHER, null, T0));
        assertThat(settings.find(third)).contains(RepositorySettings.defaults(third, null, T0.plusMillis(5)));
        assertThat(settings.find(APP).orElseThrow().recordedRegistryId()).isEmpty();
        assertThat(settings.resourceTags(APP)).contains(List.of());
    }

    @Test
    void findByNamesReturnsThoseThatExistInNameOrderAcrossChunks() {
        List<RepositoryName> existing = List.of("z/last", "a/first", "m/middle").stream()
                .map(RepositoryName::parse).toList();
        existing.forEach(n -> settings.create(RepositorySettings.defaults(n, ACCOUNT, T0), List.of()));
        List<RepositoryName> asked = new ArrayList<>(IntStream.range(0, 1200)
                .mapToObj(i -> RepositoryName.parse("absent/r" + i)).toList());
        asked.add(700, existing.get(0));
        asked.add(existing.get(1));
        asked.add(0, existing.get(2));
        asked.add(existing.get(2));   // twice

        assertThat(settings.find(asked)).extracting(RepositorySettings::name)
                .containsExactly(existing.get(1), existing.get(2), existing.get(0));
        assertThat(settings.find(List.of())).isEmpty();
        assertThat(settings.find(List.of(RepositoryName.parse("absent/x")))).isEmpty();
    }

    @Test
    void listPagesInByteOrderAndStartsAfterTheCursor() {
        List<String> names = MetadataStoreContract.REPOSITORY_NAMES;
        names.forEach(n -> settings.create(RepositorySettings.defaults(RepositoryName.parse(n), ACCOUNT, T0),
                List.of()));

        List<RepositoryName> seen = new ArrayList<>();
        List<RepositorySettings> page = settings.list(null, 5);
        while (!page.isEmpty()) {
            page.forEach(s -> seen.add(s.name()));
            page = settings.list(page.getLast().name(), 5);
        }
        assertThat(seen).containsExactlyElementsOf(names.stream().sorted().map(RepositoryName::parse).toList());
        assertThat(settings.list(RepositoryName.parse("a/a"), 2)).extracting(RepositorySettings::name)
                .containsExactly(RepositoryName.parse("a/b"), RepositoryName.parse("a0"));
        assertThat(settings.list(null, 0)).isEmpty();
        assertThatThrownBy(() -> settings.list(null, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- updates

    @Test
    void updateTagMutabilityReplacesModeAndFilters() {
        settings.create(RepositorySettings.defaults(APP, ACCOUNT, T0), List.of());
        TagMutability withFilters = TagMutability.of(Mode.MUTABLE_WITH_EXCLUSION, "release-*", "v*");

        assertThat(settings.updateTagMutability(APP, withFilters))
                .contains(RepositorySettings.defaults(APP, ACCOUNT, T0).withTagMutability(withFilters));
        assertThat(settings.updateTagMutability(APP, TagMutability.of(Mode.IMMUTABLE_WITH_EXCLUSION, "latest")))
                .hasValueSatisfying(s -> assertThat(s.tagMutability().exclusions()).hasSize(1));
        assertThat(settings.updateTagMutability(APP, TagMutability.IMMUTABLE))
                .hasValueSatisfying(s -> assertThat(s.tagMutability()).isEqualTo(TagMutability.IMMUTABLE));
        assertThat(settings.find(APP).orElseThrow().tagMutability()).isEqualTo(TagMutability.IMMUTABLE);

        assertThat(settings.updateTagMutability(OTHER, TagMutability.IMMUTABLE)).isEmpty();
        assertThat(settings.find(OTHER)).isEmpty();
    }

    @Test
    void updateScanOnPushChangesOnlyThatFlag() {
        RepositorySettings created = new RepositorySettings(APP, ACCOUNT, T0, TagMutability.IMMUTABLE, false,
                new EncryptionConfiguration(EncryptionConfiguration.Type.KMS, "alias/x"));
        settings.create(created, List.of());

        assertThat(settings.updateScanOnPush(APP, true)).contains(created.withScanOnPush(true));
        assertThat(settings.updateScanOnPush(APP, false)).contains(created);
        assertThat(settings.updateScanOnPush(OTHER, true)).isEmpty();
    }

    // ---- resource tags

    @Test
    void resourceTagsAreAddedReplacedAndRemovedByKey() {
        settings.create(RepositorySettings.defaults(APP, ACCOUNT, T0),
                List.of(new ResourceTag("team", "a"), new ResourceTag("env", "dev"), new ResourceTag("team", "b")));
        settings.create(RepositorySettings.defaults(OTHER, ACCOUNT, T0), List.of(new ResourceTag("team", "other")));
        assertThat(settings.resourceTags(APP)).contains(List.of(new ResourceTag("env", "dev"),
                new ResourceTag("team", "b")));

        assertThat(settings.putResourceTags(APP, List.of(new ResourceTag("env", "prod"),
                new ResourceTag("cost-center", ""), new ResourceTag("Owner", "\u00e9quipe @berth")))).isTrue();
        assertThat(settings.resourceTags(APP)).contains(List.of(new ResourceTag("Owner", "\u00e9quipe @berth"),
                new ResourceTag("cost-center", ""), new ResourceTag("env", "prod"), new ResourceTag("team", "b")));

        assertThat(settings.removeResourceTags(APP, List.of("team", "Owner", "never-set", "team"))).isTrue();
        assertThat(settings.resourceTags(APP)).contains(List.of(new ResourceTag("cost-center", ""),
                new ResourceTag("env", "prod")));
        assertThat(settings.resourceTags(OTHER)).contains(List.of(new ResourceTag("team", "other")));
        assertThat(settings.putResourceTags(APP, List.of())).isTrue();
        assertThat(settings.removeResourceTags(APP, List.of())).isTrue();
    }

    @Test
    void resourceTagsOfAnUnknownRepositoryAreNotThere() {
        RepositoryName unknown = RepositoryName.parse("nobody/here");
        assertThat(settings.resourceTags(unknown)).isEmpty();
        assertThat(settings.putResourceTags(unknown, List.of(new ResourceTag("k", "v")))).isFalse();
        assertThat(settings.removeResourceTags(unknown, List.of("k"))).isFalse();
        assertThat(settings.find(unknown)).isEmpty();
    }

    @Test
    void atMostFiftyResourceTagsAndARefusedChangeChangesNothing() {
        List<ResourceTag> fifty = tags("k", 50);
        assertThatThrownBy(() -> settings.create(RepositorySettings.defaults(APP, ACCOUNT, T0), tags("k", 51)))
                .isInstanceOf(TooManyResourceTagsException.class);
        assertThat(settings.find(APP)).isEmpty();

        settings.create(RepositorySettings.defaults(APP, ACCOUNT, T0), fifty);
        assertThat(settings.putResourceTags(APP, List.of(new ResourceTag("k-0", "replaced")))).isTrue();
        assertThatThrownBy(() -> settings.putResourceTags(APP,
                List.of(new ResourceTag("k-1", "would be replaced"), new ResourceTag("one-too-many", "x"))))
                .isInstanceOf(TooManyResourceTagsException.class);

        List<ResourceTag> now = settings.resourceTags(APP).orElseThrow();
        assertThat(now).hasSize(50).contains(new ResourceTag("k-0", "replaced"), new ResourceTag("k-1", "v-1"))
                .doesNotContain(new ResourceTag("one-too-many", "x"));
    }

    // ---- delete

    @Test
    void deleteWithoutForceRefusesARepositoryWithManifests() {
        settings.create(RepositorySettings.defaults(APP, ACCOUNT, T0), List.of(new ResourceTag("k", "v")));
        store.putManifest(manifest(APP, "m"), List.of(digest("l")), List.of(), null);

        assertThatThrownBy(() -> settings.delete(APP, false))
                .isInstanceOfSatisfying(RepositoryNotEmptyException.class,
                        e -> assertThat(e.repository()).isEqualTo(APP));

        assertThat(settings.find(APP)).isPresent();
        assertThat(store.findManifest(APP, digest("m"))).isPresent();
        assertThat(settings.resourceTags(APP)).contains(List.of(new ResourceTag("k", "v")));
    }

    @Test
    void deleteWithoutForceRemovesARepositoryWithoutManifestsAndItsBlobLinksAndUploads() {
        RepositorySettings created = RepositorySettings.defaults(APP, ACCOUNT, T0);
        settings.create(created, List.of(new ResourceTag("k", "v")));
        store.linkBlob(APP, digest("layer"), 3, T0);
        store.createUpload(new UploadRecord("u-1", APP, T0));

        assertThat(settings.delete(APP, false)).contains(new DeletedRepository(created, List.of("u-1")));

        assertThat(settings.find(APP)).isEmpty();
        assertThat(store.repositoryExists(APP)).isFalse();
        assertThat(store.linkedBlobSize(APP, digest("layer"))).isEmpty();
        assertThat(store.findUpload("u-1")).isEmpty();
        assertThat(settings.delete(APP, false)).isEmpty();
        assertThat(settings.delete(APP, true)).isEmpty();
    }

    @Test
    void forceDeleteRemovesEverythingOfThatRepositoryOnly() {
        RepositorySettings created = new RepositorySettings(APP, ACCOUNT, T0, TagMutability.IMMUTABLE, true,
                EncryptionConfiguration.AES256);
        settings.create(created, List.of(new ResourceTag("k", "v")));
        ManifestRecord image = manifest(APP, "image");
        ManifestRecord index = manifest(APP, "index");
        store.linkBlob(APP, digest("layer"), 3, T0);
        store.linkBlob(OTHER, digest("layer"), 3, T0);
        store.putManifest(image, List.of(digest("layer")), List.of(), Tag.parse("v1"));
        store.putManifest(index, List.of(), List.of(image.digest()), Tag.parse("multi"));
        store.putManifest(manifest(OTHER, "image"), List.of(digest("layer")), List.of(), Tag.parse("v1"));
        store.createUpload(new UploadRecord("u-b", APP, T0));
        store.createUpload(new UploadRecord("u-a", APP, T0));
        store.createUpload(new UploadRecord("u-other", OTHER, T0));

        assertThat(settings.delete(APP, true)).contains(new DeletedRepository(created, List.of("u-a", "u-b")));

        assertThat(store.repositoryExists(APP)).isFalse();
        assertThat(store.findManifest(APP, image.digest())).isEmpty();
        assertThat(store.resolveTag(APP, Tag.parse("v1"))).isEmpty();
        assertThat(store.listTags(APP, null, 10)).isEmpty();
        assertThat(store.missingBlobs(APP, List.of(digest("layer")))).containsExactly(digest("layer"));
        assertThat(store.findUpload("u-a")).isEmpty();
        assertThat(store.isBlobReferenced(index.digest())).isFalse();
        assertThat(store.resolveTag(OTHER, Tag.parse("v1"))).isPresent();
        assertThat(store.linkedBlobSize(OTHER, digest("layer"))).contains(3L);
        assertThat(store.findUpload("u-other")).isPresent();

        // The name is free again, with nothing of the old repository.
        settings.create(RepositorySettings.defaults(APP, ACCOUNT, T0.plusSeconds(9)), List.of());
        assertThat(settings.resourceTags(APP)).contains(List.of());
        store.putManifest(image, List.of(digest("layer")), List.of(), Tag.parse("v1"));
        assertThat(store.resolveTag(APP, Tag.parse("v1"))).contains(image);
    }

    // ---- tag mutability, applied by putManifest

    @Test
    void anImmutableTagIsNeverOverwrittenNotEvenWithItsOwnDigest() {
        createWith(APP, TagMutability.IMMUTABLE);
        ManifestRecord first = manifest(APP, "first");
        ManifestRecord second = manifest(APP, "second");
        store.putManifest(first, List.of(digest("l1")), List.of(), Tag.parse("v1"));

        assertThatThrownBy(() -> store.putManifest(second, List.of(digest("l2")), List.of(), Tag.parse("v1")))
                .isInstanceOfSatisfying(ImmutableTagException.class, e -> {
                    assertThat(e.repository()).isEqualTo(APP);
                    assertThat(e.tag()).isEqualTo(Tag.parse("v1"));
                });
        assertThatThrownBy(() -> store.putManifest(first, List.of(digest("l1")), List.of(), Tag.parse("v1")))
                .isInstanceOf(ImmutableTagException.class);

        assertThat(store.resolveTag(APP, Tag.parse("v1"))).contains(first);
        assertThat(store.findManifest(APP, second.digest())).as("nothing of a refused push is stored").isEmpty();
        assertThat(store.isBlobReferenced(second.digest())).isFalse();
    }

    @Test
    void inAnImmutableRepositoryNewTagsUntaggedPushesAndDeletedTagsAreFine() {
        createWith(APP, TagMutability.IMMUTABLE);
        ManifestRecord image = manifest(APP, "image");

        store.putManifest(image, List.of(), List.of(), null);
        store.putManifest(image, List.of(), List.of(), null);
        store.putManifest(image, List.of(), List.of(), Tag.parse("v1"));
        store.putManifest(image, List.of(), List.of(), Tag.parse("v2"));
        assertThat(store.deleteTag(APP, Tag.parse("v1"))).isTrue();
        store.putManifest(manifest(APP, "rebuilt"), List.of(), List.of(), Tag.parse("v1"));

        assertThat(store.resolveTag(APP, Tag.parse("v1"))).contains(manifest(APP, "rebuilt"));
        assertThat(store.resolveTag(APP, Tag.parse("v2"))).contains(image);
    }

    @Test
    void exclusionFiltersDecideTagByTag() {
        createWith(APP, TagMutability.of(Mode.IMMUTABLE_WITH_EXCLUSION, "latest", "dev-*"));
        createWith(OTHER, TagMutability.of(Mode.MUTABLE_WITH_EXCLUSION, "release-*"));
        for (RepositoryName repo : List.of(APP, OTHER)) {
            for (String tag : List.of("latest", "dev-1", "v1", "release-1")) {
                store.putManifest(manifest(repo, "a"), List.of(), List.of(), Tag.parse(tag));
            }
        }

        assertMovable(APP, "latest", true);
        assertMovable(APP, "dev-1", true);
        assertMovable(APP, "v1", false);
        assertMovable(APP, "release-1", false);
        assertMovable(OTHER, "latest", true);
        assertMovable(OTHER, "dev-1", true);
        assertMovable(OTHER, "v1", true);
        assertMovable(OTHER, "release-1", false);
    }

    @Test
    void aChangedMutabilityAppliesToTheNextPush() {
        store.putManifest(manifest(APP, "a"), List.of(), List.of(), Tag.parse("v1"));   // created by the push
        assertMovable(APP, "v1", true);

        settings.updateTagMutability(APP, TagMutability.IMMUTABLE);
        assertMovable(APP, "v1", false);

        settings.updateTagMutability(APP, TagMutability.MUTABLE);
        assertMovable(APP, "v1", true);
    }

    @Test
    void ofConcurrentPushesOfOneNewImmutableTagExactlyOneWinsEveryTime() throws Exception {
        int threads = 16;
        int rounds = 20;
        createWith(APP, TagMutability.IMMUTABLE);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int r = 0; r < rounds; r++) {
                Tag tag = Tag.parse("race-" + r);
                CountDownLatch start = new CountDownLatch(1);
                List<Callable<ManifestRecord>> pushers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    ManifestRecord candidate = manifest(APP, "round-" + r + "-thread-" + t);
                    pushers.add(() -> {
                        start.await();
                        try {
                            store.putManifest(candidate, List.of(), List.of(), tag);
                            return candidate;
                        } catch (ImmutableTagException refused) {
                            return null;
                        }
                    });
                }
                List<Future<ManifestRecord>> results = pushers.stream().map(pool::submit).toList();
                start.countDown();
                List<ManifestRecord> winners = new ArrayList<>();
                for (Future<ManifestRecord> result : results) {
                    Optional.ofNullable(result.get(1, TimeUnit.MINUTES)).ifPresent(winners::add);
                }
                assertThat(winners).as("round %d", r).hasSize(1);
                assertThat(store.resolveTag(APP, tag)).contains(winners.getFirst());
                for (int t = 0; t < threads; t++) {
                    ManifestRecord candidate = manifest(APP, "round-" + r + "-thread-" + t);
                    assertThat(store.findManifest(APP, candidate.digest()).isPresent())
                            .isEqualTo(candidate.equals(winners.getFirst()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.listTags(APP, null, 100)).hasSize(rounds);
    }

    @Test
    void ofConcurrentCreatesOfOneRepositoryExactlyOneWins() throws Exception {
        int threads = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                RepositorySettings mine = RepositorySettings.defaults(APP, ACCOUNT, T0.plusMillis(t));
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        settings.create(mine, List.of(new ResourceTag("creator", mine.createdAt().toString())));
                        return true;
                    } catch (RepositoryAlreadyExistsException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int created = 0;
            for (Future<Boolean> result : results) {
                created += result.get(1, TimeUnit.MINUTES) ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        RepositorySettings winner = settings.find(APP).orElseThrow();
        assertThat(settings.resourceTags(APP))
                .contains(List.of(new ResourceTag("creator", winner.createdAt().toString())));
    }

    // ---- fixtures

    protected void createWith(RepositoryName name, TagMutability mutability) {
        settings.create(RepositorySettings.defaults(name, ACCOUNT, T0).withTagMutability(mutability), List.of());
    }

    /** Tries to move an existing tag to a new manifest and checks whether the store let it. */
    protected void assertMovable(RepositoryName repository, String tag, boolean movable) {
        ManifestRecord before = store.resolveTag(repository, Tag.parse(tag)).orElseThrow();
        ManifestRecord moved = manifest(repository, "moved " + tag + " from " + before.digest());
        if (movable) {
            store.putManifest(moved, List.of(), List.of(), Tag.parse(tag));
            assertThat(store.resolveTag(repository, Tag.parse(tag))).as("%s:%s", repository, tag).contains(moved);
        } else {
            assertThatThrownBy(() -> store.putManifest(moved, List.of(), List.of(), Tag.parse(tag)))
                    .as("%s:%s", repository, tag).isInstanceOf(ImmutableTagException.class);
            assertThat(store.resolveTag(repository, Tag.parse(tag))).contains(before);
        }
    }

    private static List<ResourceTag> tags(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> new ResourceTag(prefix + "-" + i, "v-" + i)).toList();
    }
}
