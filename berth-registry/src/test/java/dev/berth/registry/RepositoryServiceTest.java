package dev.berth.registry;

import static dev.berth.registry.Registry.ACCOUNT;
import static dev.berth.registry.Registry.NOW;
import static dev.berth.registry.Registry.OCI_MANIFEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.metadata.EncryptionConfiguration;
import dev.berth.metadata.RepositoryAlreadyExistsException;
import dev.berth.metadata.RepositoryNotEmptyException;
import dev.berth.metadata.RepositorySettings;
import dev.berth.metadata.ResourceTag;
import dev.berth.metadata.TooManyResourceTagsException;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;
import dev.berth.oci.TagMutability;
import dev.berth.oci.TagMutability.Mode;
import dev.berth.storage.UploadNotFoundException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Creating, describing, reconfiguring, tagging and deleting repositories, over the real stores. */
class RepositoryServiceTest {
    static final RepositoryName APP = RepositoryName.parse("team/app");
    static final RepositoryName PUSHED = RepositoryName.parse("team/pushed");

    @TempDir
    Path dir;
    Registry registry;
    RepositoryService repositories;

    @BeforeEach
    void open() {
        registry = new Registry(dir);
        repositories = registry.repositories;
    }

    @AfterEach
    void close() throws Exception {
        registry.close();
    }

    @Test
    void createRecordsTheSettingsUnderThisRegistryAtTheCurrentMillisecond() {
        TagMutability mutability = TagMutability.of(Mode.IMMUTABLE_WITH_EXCLUSION, "latest");
        EncryptionConfiguration kms = new EncryptionConfiguration(EncryptionConfiguration.Type.KMS, "alias/berth");

        RepositorySettings created = repositories.create(APP, mutability, true, kms,
                List.of(new ResourceTag("env", "dev")));

        assertThat(created).isEqualTo(new RepositorySettings(APP, ACCOUNT, NOW.truncatedTo(ChronoUnit.MILLIS),
                mutability, true, kms));
        assertThat(repositories.describe(APP)).isEqualTo(created);
        assertThat(repositories.resourceTags(APP)).containsExactly(new ResourceTag("env", "dev"));
        assertThatThrownBy(() -> repositories.create(APP, TagMutability.MUTABLE, false,
                EncryptionConfiguration.AES256, List.of())).isInstanceOf(RepositoryAlreadyExistsException.class);
    }

    @Test
    void aRepositoryCreatedByAPushHasTheDefaultsAndThisRegistrysId() {
        registry.manifests.put(PUSHED, Tag.parse("v1"), registry.image(PUSHED, "x"), OCI_MANIFEST);

        assertThat(repositories.describe(PUSHED)).isEqualTo(RepositorySettings.defaults(PUSHED, ACCOUNT,
                NOW.truncatedTo(ChronoUnit.MILLIS)));
        assertThatThrownBy(() -> repositories.create(PUSHED, TagMutability.IMMUTABLE, false,
                EncryptionConfiguration.AES256, List.of())).isInstanceOf(RepositoryAlreadyExistsException.class);
    }

    @Test
    void describeByNamesNeedsEveryOne() {
        repositories.create(APP, TagMutability.MUTABLE, false, EncryptionConfiguration.AES256, List.of());
        registry.blobs.putMonolithic(PUSHED, Registry.digest(bytes("b")), new ByteArrayInputStream(bytes("b")));

        assertThat(repositories.describe(List.of(PUSHED, APP, PUSHED))).extracting(RepositorySettings::name)
                .containsExactly(APP, PUSHED);
        assertNameUnknown(() -> repositories.describe(List.of(APP, RepositoryName.parse("team/nope"), PUSHED)),
                "team/nope");
        assertNameUnknown(() -> repositories.describe(RepositoryName.parse("team/nope")), "team/nope");
    }

    @Test
    void listPagesSayWhetherMoreFollow() {
        List<RepositoryName> names = IntStream.range(0, 5).mapToObj(i -> RepositoryName.parse("r/" + i)).toList();
        names.forEach(n -> repositories.create(n, TagMutability.MUTABLE, false, EncryptionConfiguration.AES256,
                List.of()));

        Page<RepositorySettings> first = repositories.list(null, 2);
        assertThat(first.items()).extracting(RepositorySettings::name).containsExactly(names.get(0), names.get(1));
        assertThat(first.more()).isTrue();
        Page<RepositorySettings> last = repositories.list(names.get(2), 2);
        assertThat(last.items()).extracting(RepositorySettings::name).containsExactly(names.get(3), names.get(4));
        assertThat(last.more()).isFalse();
        assertThat(repositories.list(null, Integer.MAX_VALUE).items()).hasSize(5);
    }

    @Test
    void settingsAndResourceTagsChangeAndUnknownRepositoriesAreRefused() {
        RepositorySettings created = repositories.create(APP, TagMutability.MUTABLE, false,
                EncryptionConfiguration.AES256, List.of());

        assertThat(repositories.putTagMutability(APP, TagMutability.IMMUTABLE))
                .isEqualTo(created.withTagMutability(TagMutability.IMMUTABLE));
        assertThat(repositories.putScanOnPush(APP, true))
                .isEqualTo(created.withTagMutability(TagMutability.IMMUTABLE).withScanOnPush(true));
        repositories.tagResource(APP, List.of(new ResourceTag("b", "1"), new ResourceTag("a", "2")));
        repositories.untagResource(APP, List.of("b"));
        assertThat(repositories.resourceTags(APP)).containsExactly(new ResourceTag("a", "2"));
        assertThatThrownBy(() -> repositories.tagResource(APP, IntStream.range(0, 50)
                .mapToObj(i -> new ResourceTag("k" + i, "v")).toList()))
                .isInstanceOf(TooManyResourceTagsException.class);

        RepositoryName nope = RepositoryName.parse("team/nope");
        assertNameUnknown(() -> repositories.putTagMutability(nope, TagMutability.IMMUTABLE), "team/nope");
        assertNameUnknown(() -> repositories.putScanOnPush(nope, true), "team/nope");
        assertNameUnknown(() -> repositories.resourceTags(nope), "team/nope");
        assertNameUnknown(() -> repositories.tagResource(nope, List.of()), "team/nope");
        assertNameUnknown(() -> repositories.untagResource(nope, List.of()), "team/nope");
        assertNameUnknown(() -> repositories.delete(nope, true), "team/nope");
    }

    @Test
    void deleteRefusesImagesWithoutForceAndWithForceDiscardsUploadsButLeavesBlobBytes() throws Exception {
        RepositorySettings created = repositories.create(APP, TagMutability.IMMUTABLE, false,
                EncryptionConfiguration.AES256, List.of(new ResourceTag("k", "v")));
        byte[] image = registry.image(APP, "image");
        registry.manifests.put(APP, Tag.parse("v1"), image, OCI_MANIFEST);
        UploadState upload = registry.blobs.startUpload(APP);

        assertThatThrownBy(() -> repositories.delete(APP, false)).isInstanceOf(RepositoryNotEmptyException.class);
        assertThat(registry.blobStore.uploadedSize(upload.id())).isZero();

        assertThat(repositories.delete(APP, true)).isEqualTo(created);

        assertNameUnknown(() -> repositories.describe(APP), "team/app");
        assertThatThrownBy(() -> registry.blobStore.uploadedSize(upload.id()))
                .isInstanceOf(UploadNotFoundException.class);
        assertThat(registry.blobStore.size(Registry.digest(image))).as("bytes are left to GC").isPresent();
        // Recreated, the name starts empty: the old immutable tag is gone.
        registry.manifests.put(APP, Tag.parse("v1"), registry.image(APP, "other"), OCI_MANIFEST);
    }

    private void assertNameUnknown(ThrowingCallable call, String name) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.error()).isEqualTo(RegistryError.NAME_UNKNOWN);
            assertThat(e.getMessage()).isEqualTo("The repository with name '" + name
                    + "' does not exist in the registry with id '" + ACCOUNT + "'");
        });
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
