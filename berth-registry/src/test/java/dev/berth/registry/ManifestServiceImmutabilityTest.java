package dev.berth.registry;

import static dev.berth.registry.Registry.OCI_MANIFEST;
import static dev.berth.registry.Registry.digest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.metadata.EncryptionConfiguration;
import dev.berth.metadata.ManifestRecord;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;
import dev.berth.oci.TagMutability;
import dev.berth.oci.TagMutability.Mode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link ManifestService#put} under each tag mutability, over the real stores. */
class ManifestServiceImmutabilityTest {
    static final RepositoryName REPO = RepositoryName.parse("team/app");

    @TempDir
    Path dir;
    Registry registry;
    ManifestService manifests;

    @BeforeEach
    void open() {
        registry = new Registry(dir);
        manifests = registry.manifests;
    }

    @AfterEach
    void close() throws Exception {
        registry.close();
    }

    @Test
    void anImmutableTagIsNotOverwrittenNotEvenWithTheSameDigest() {
        create(TagMutability.IMMUTABLE);
        byte[] first = registry.image(REPO, "first");
        byte[] second = registry.image(REPO, "second");
        manifests.put(REPO, Tag.parse("v1"), first, OCI_MANIFEST);

        for (byte[] again : List.of(second, first)) {
            assertThatThrownBy(() -> manifests.put(REPO, Tag.parse("v1"), again, OCI_MANIFEST))
                    .isInstanceOfSatisfying(RegistryException.class, e -> {
                        assertThat(e.error()).isEqualTo(RegistryError.TAG_IMMUTABLE);
                        assertThat(e.getMessage()).isEqualTo("The image tag 'v1' already exists in the 'team/app'"
                                + " repository and cannot be overwritten because the tag is immutable.");
                        assertThat(e.detail()).isEqualTo("v1");
                    });
        }

        assertThat(manifests.describe(REPO, Tag.parse("v1")).digest()).isEqualTo(digest(first));
        assertThatThrownBy(() -> manifests.describe(REPO, digest(second)))
                .as("a refused push stores no manifest").isInstanceOf(RegistryException.class)
                .extracting(e -> ((RegistryException) e).error()).isEqualTo(RegistryError.MANIFEST_UNKNOWN);
    }

    @Test
    void pushingByDigestIsNeverRefusedAndNewTagsAreFine() {
        create(TagMutability.IMMUTABLE);
        byte[] image = registry.image(REPO, "image");

        manifests.put(REPO, digest(image), image, OCI_MANIFEST);
        manifests.put(REPO, Tag.parse("v1"), image, OCI_MANIFEST);
        manifests.put(REPO, digest(image), image, OCI_MANIFEST);
        manifests.put(REPO, Tag.parse("v2"), image, OCI_MANIFEST);

        assertThat(manifests.tags(REPO, null, 10).items()).containsExactly(Tag.parse("v1"), Tag.parse("v2"));
    }

    @Test
    void aDeletedImmutableTagMayBePushedAgain() {
        create(TagMutability.IMMUTABLE);
        byte[] first = registry.image(REPO, "first");
        byte[] rebuilt = registry.image(REPO, "rebuilt");
        manifests.put(REPO, Tag.parse("v1"), first, OCI_MANIFEST);

        manifests.delete(REPO, Tag.parse("v1"));
        manifests.put(REPO, Tag.parse("v1"), rebuilt, OCI_MANIFEST);

        assertThat(manifests.describe(REPO, Tag.parse("v1")).digest()).isEqualTo(digest(rebuilt));
    }

    @ParameterizedTest(name = "{0} [{1}]: {2} movable={3}")
    @CsvSource({
            "MUTABLE,,                            latest,    true",
            "MUTABLE,,                            v1,        true",
            "IMMUTABLE,,                          latest,    false",
            "IMMUTABLE_WITH_EXCLUSION, latest dev-*, latest,    true",
            "IMMUTABLE_WITH_EXCLUSION, latest dev-*, dev-42,    true",
            "IMMUTABLE_WITH_EXCLUSION, latest dev-*, v1,        false",
            "IMMUTABLE_WITH_EXCLUSION, latest dev-*, latest-1,  false",
            "MUTABLE_WITH_EXCLUSION,   release-* v*.*, release-1, false",
            "MUTABLE_WITH_EXCLUSION,   release-* v*.*, v1.2,      false",
            "MUTABLE_WITH_EXCLUSION,   release-* v*.*, latest,    true",
            "MUTABLE_WITH_EXCLUSION,   release-* v*.*, v1,        true"})
    void eachModeAndItsFiltersDecideWhetherATagMoves(String mode, String filters, String tag, boolean movable) {
        create(TagMutability.of(Mode.parse(mode), filters == null ? new String[0] : filters.split(" ")));
        byte[] first = registry.image(REPO, "first");
        byte[] second = registry.image(REPO, "second");
        manifests.put(REPO, Tag.parse(tag), first, OCI_MANIFEST);

        if (movable) {
            manifests.put(REPO, Tag.parse(tag), second, OCI_MANIFEST);
            assertThat(manifests.describe(REPO, Tag.parse(tag)).digest()).isEqualTo(digest(second));
        } else {
            assertThatThrownBy(() -> manifests.put(REPO, Tag.parse(tag), second, OCI_MANIFEST))
                    .isInstanceOfSatisfying(RegistryException.class,
                            e -> assertThat(e.error()).isEqualTo(RegistryError.TAG_IMMUTABLE));
            assertThat(manifests.describe(REPO, Tag.parse(tag)).digest()).isEqualTo(digest(first));
        }
    }

    @Test
    void aRepositoryCreatedByAPushIsMutableUntilSetOtherwise() {
        byte[] first = registry.image(REPO, "first");
        byte[] second = registry.image(REPO, "second");
        manifests.put(REPO, Tag.parse("latest"), first, OCI_MANIFEST);
        manifests.put(REPO, Tag.parse("latest"), second, OCI_MANIFEST);

        registry.repositories.putTagMutability(REPO, TagMutability.IMMUTABLE);

        assertThatThrownBy(() -> manifests.put(REPO, Tag.parse("latest"), first, OCI_MANIFEST))
                .isInstanceOf(RegistryException.class);
        assertThat(manifests.describe(REPO, Tag.parse("latest")).digest()).isEqualTo(digest(second));
    }

    @Test
    void ofSixteenConcurrentPushesOfOneNewTagExactlyOneWinsInEachOfTwentyRounds() throws Exception {
        int threads = 16;
        int rounds = 20;
        create(TagMutability.IMMUTABLE);
        List<byte[]> images = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            images.add(registry.image(REPO, "candidate-" + t));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int r = 0; r < rounds; r++) {
                Tag tag = Tag.parse("release-" + r);
                CountDownLatch start = new CountDownLatch(1);
                List<Callable<ManifestRecord>> pushers = images.stream().<Callable<ManifestRecord>>map(image -> () -> {
                    start.await();
                    try {
                        return manifests.put(REPO, tag, image, OCI_MANIFEST);
                    } catch (RegistryException e) {
                        assertThat(e.error()).isEqualTo(RegistryError.TAG_IMMUTABLE);
                        return null;
                    }
                }).toList();
                List<Future<ManifestRecord>> results = pushers.stream().map(pool::submit).toList();
                start.countDown();
                List<ManifestRecord> winners = new ArrayList<>();
                for (Future<ManifestRecord> result : results) {
                    ManifestRecord won = result.get(1, TimeUnit.MINUTES);
                    if (won != null) {
                        winners.add(won);
                    }
                }
                assertThat(winners).as("round %d", r).hasSize(1);
                assertThat(manifests.describe(REPO, tag).digest()).isEqualTo(winners.getFirst().digest());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(manifests.tags(REPO, null, 100).items()).hasSize(rounds);
    }

    private void create(TagMutability mutability) {
        registry.repositories.create(REPO, mutability, false, EncryptionConfiguration.AES256, List.of());
    }
}
