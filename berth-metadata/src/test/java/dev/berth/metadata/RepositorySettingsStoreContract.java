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
 * to: settings recorded and changed, resource tags, deletion with and without {@code force}. An implementation's test is a short subclass saying how to open
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

    // ---- fixtures

    private static List<ResourceTag> tags(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> new ResourceTag(prefix + "-" + i, "v-" + i)).toList();
    }
}
