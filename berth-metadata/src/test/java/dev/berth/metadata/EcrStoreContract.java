package dev.berth.metadata;

import static dev.berth.metadata.MetadataStoreContract.digest;
import static dev.berth.metadata.MetadataStoreContract.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.oci.Digest;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;
import dev.berth.oci.TagMutability;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link EcrStore} contract: policies, image listings with sizes and usage facts, templates. Subclasses say how
 * to open a store on an empty database and reach its EcrStore.
 */
public abstract class EcrStoreContract {
    static final Instant T0 = Instant.parse("2026-03-04T05:06:07.089Z");
    static final RepositoryName APP = RepositoryName.parse("team/app");

    protected MetadataStore store;
    protected EcrStore ecr;

    protected abstract MetadataStore open();

    protected abstract EcrStore ecrOf(MetadataStore store);

    @BeforeEach
    void openStore() {
        store = open();
        ecr = ecrOf(store);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void repositoryPolicyIsKeptVerbatimReplacedDeletedAndGoesWithTheRepository() {
        assertThat(ecr.putRepositoryPolicy(APP, "{}", T0)).isFalse();
        store.createRepository(APP, T0);
        assertThat(ecr.repositoryPolicy(APP)).isEmpty();
        assertThat(ecr.putRepositoryPolicy(APP, " {\"Version\": 1}\n", T0)).isTrue();
        assertThat(ecr.repositoryPolicy(APP)).contains(" {\"Version\": 1}\n");
        ecr.putRepositoryPolicy(APP, "second", T0);
        assertThat(ecr.deleteRepositoryPolicy(APP)).contains("second");
        assertThat(ecr.deleteRepositoryPolicy(APP)).isEmpty();

        ecr.putRepositoryPolicy(APP, "third", T0);
        ((JdbcMetadataStore) store).repositorySettings().delete(APP, true);
        store.createRepository(APP, T0);
        assertThat(ecr.repositoryPolicy(APP)).isEmpty();
    }

    @Test
    void registryPolicyPerRegistryId() {
        assertThat(ecr.registryPolicy("123456789012")).isEmpty();
        ecr.putRegistryPolicy("123456789012", "a", T0);
        ecr.putRegistryPolicy("123456789012", "b", T0);
        assertThat(ecr.registryPolicy("123456789012")).contains("b");
        assertThat(ecr.registryPolicy("210987654321")).isEmpty();
        assertThat(ecr.deleteRegistryPolicy("123456789012")).contains("b");
        assertThat(ecr.deleteRegistryPolicy("123456789012")).isEmpty();
    }

    @Test
    void listImagesOneEntryPerTagAndOnePerUntaggedImageInPages() {
        ManifestRecord a = manifest(APP, "a");
        ManifestRecord b = manifest(APP, "b");
        store.putManifest(a, List.of(), List.of(), Tag.parse("v2"));
        store.putManifest(a, List.of(), List.of(), Tag.parse("v1"));
        store.putManifest(b, List.of(), List.of(), null);

        List<ImageId> all = ecr.listImages(APP, TagStatus.ANY, null, 100);
        assertThat(all).hasSize(3);
        assertThat(ecr.listImages(APP, TagStatus.TAGGED, null, 100))
                .containsExactly(new ImageId(a.digest(), Tag.parse("v1")), new ImageId(a.digest(), Tag.parse("v2")));
        assertThat(ecr.listImages(APP, TagStatus.UNTAGGED, null, 100)).containsExactly(new ImageId(b.digest(), null));

        List<ImageId> paged = new ArrayList<>();
        ImageId cursor = null;
        for (int i = 0; i < 5; i++) {
            List<ImageId> page = ecr.listImages(APP, TagStatus.ANY, cursor, 1);
            if (page.isEmpty()) {
                break;
            }
            paged.addAll(page);
            cursor = page.getLast();
        }
        assertThat(paged).isEqualTo(all);
        assertThat(ecr.listImages(RepositoryName.parse("team/none"), TagStatus.ANY, null, 10)).isEmpty();
    }

    @Test
    void describeImagesWithTagsSizesAndPulls() {
        Digest layer1 = digest("layer1");
        Digest layer2 = digest("layer2");
        store.linkBlob(APP, layer1, 1000, T0);
        store.linkBlob(APP, layer2, 234, T0);
        ManifestRecord image = manifest(APP, "image");
        store.putManifest(image, List.of(layer1, layer2), List.of(), Tag.parse("latest"));
        ManifestRecord other = manifest(APP, "other");
        store.putManifest(other, List.of(layer1), List.of(), null);
        ManifestRecord index = new ManifestRecord(APP, digest("index"), "application/vnd.oci.image.index.v1+json",
                300, T0, null, null, null);
        store.putManifest(index, List.of(), List.of(image.digest(), other.digest()), Tag.parse("multi"));

        ImageSummary described = ecr.describeImages(APP, List.of(image.digest())).getFirst();
        assertThat(described.tags()).containsExactly(Tag.parse("latest"));
        assertThat(described.sizeInBytes()).isEqualTo(1234);
        assertThat(described.lastPull()).isEmpty();
        assertThat(ecr.describeImages(APP, List.of(index.digest())).getFirst().sizeInBytes()).isEqualTo(1234);
        assertThat(ecr.describeImages(APP, TagStatus.UNTAGGED, null, 10)).extracting(ImageSummary::digest)
                .containsExactly(other.digest());
        assertThat(ecr.describeImages(APP, TagStatus.ANY, null, 10)).hasSize(3);
        List<ImageSummary> first = ecr.describeImages(APP, TagStatus.ANY, null, 2);
        assertThat(ecr.describeImages(APP, TagStatus.ANY, first.getLast().digest(), 2)).hasSize(1);

        ecr.recordPulls(List.of(new PullTally(APP, image.digest(), T0.plusSeconds(10), 3),
                new PullTally(APP, digest("gone"), T0, 1)));
        ecr.recordPulls(List.of(new PullTally(APP, image.digest(), T0.plusSeconds(5), 2)));
        ImageSummary pulled = ecr.describeImages(APP, List.of(image.digest())).getFirst();
        assertThat(pulled.pullCount()).isEqualTo(5);
        assertThat(pulled.lastPull()).contains(T0.plusSeconds(10));
    }

    @Test
    void lifecyclePolicyAndPreviewAreKeptReplacedDeletedAndGoWithTheRepository() {
        assertThat(ecr.putLifecyclePolicy(APP, "{}", T0)).isFalse();
        assertThat(ecr.putLifecyclePreview(APP, new LifecyclePreview("{}", "COMPLETE", "[]", T0))).isFalse();
        store.createRepository(APP, T0);
        assertThat(ecr.lifecyclePolicy(APP)).isEmpty();
        assertThat(ecr.lifecyclePreview(APP)).isEmpty();
        assertThat(ecr.putLifecyclePolicy(APP, " {\"rules\": []}\n", T0)).isTrue();
        assertThat(ecr.lifecyclePolicy(APP)).contains(new StoredLifecyclePolicy(" {\"rules\": []}\n", null));
        ecr.putLifecyclePolicy(APP, "second", T0.plusSeconds(1));
        assertThat(ecr.deleteLifecyclePolicy(APP)).contains(new StoredLifecyclePolicy("second", null));
        assertThat(ecr.deleteLifecyclePolicy(APP)).isEmpty();

        LifecyclePreview first = new LifecyclePreview("p1", "COMPLETE", "[1]", T0);
        LifecyclePreview second = new LifecyclePreview("p2", "COMPLETE", "[2]", T0.plusSeconds(1));
        assertThat(ecr.putLifecyclePreview(APP, first)).isTrue();
        assertThat(ecr.lifecyclePreview(APP)).contains(first);
        ecr.putLifecyclePreview(APP, second);
        assertThat(ecr.lifecyclePreview(APP)).contains(second);

        ecr.putLifecyclePolicy(APP, "third", T0);
        ((JdbcMetadataStore) store).repositorySettings().delete(APP, true);
        store.createRepository(APP, T0);
        assertThat(ecr.lifecyclePolicy(APP)).isEmpty();
        assertThat(ecr.lifecyclePreview(APP)).isEmpty();
    }

    @Test
    void lifecycleImagesCarryTagsPullsParentsAndSubjects() {
        assertThat(ecr.lifecycleImages(APP)).isEmpty();
        store.createRepository(APP, T0);
        ManifestRecord child = manifest(APP, "child");
        store.putManifest(child, List.of(), List.of(), null);
        ManifestRecord tagged = manifest(APP, "tagged");
        store.putManifest(tagged, List.of(), List.of(), Tag.parse("v1"));
        store.putManifest(tagged, List.of(), List.of(), Tag.parse("latest"));
        ManifestRecord index = new ManifestRecord(APP, digest("index"), "application/vnd.oci.image.index.v1+json",
                300, T0.plusSeconds(1), null, null, null);
        store.putManifest(index, List.of(), List.of(child.digest(), tagged.digest()), Tag.parse("multi"));
        ManifestRecord signature = new ManifestRecord(APP, digest("sig"), "application/vnd.oci.image.manifest.v1+json",
                200, T0.plusSeconds(2), tagged.digest(), "application/vnd.dev.cosign", null);
        store.putManifest(signature, List.of(), List.of(), null);
        ecr.recordPulls(List.of(new PullTally(APP, child.digest(), T0.plusSeconds(9), 1)));

        List<LifecycleImage> images = ecr.lifecycleImages(APP);
        assertThat(images).extracting(i -> i.digest().toString()).isSorted();
        assertThat(images).extracting(LifecycleImage::digest).containsExactlyInAnyOrder(child.digest(), tagged.digest(), index.digest(), signature.digest());
        LifecycleImage c = images.stream().filter(i -> i.digest().equals(child.digest())).findFirst().orElseThrow();
        assertThat(c.parents()).containsExactly(index.digest());
        assertThat(c.tags()).isEmpty();
        assertThat(c.lastPulledAt()).isEqualTo(T0.plusSeconds(9));
        assertThat(c.subject()).isNull();
        LifecycleImage t = images.stream().filter(i -> i.digest().equals(tagged.digest())).findFirst().orElseThrow();
        assertThat(t.tags()).containsExactly(Tag.parse("latest"), Tag.parse("v1"));
        assertThat(t.parents()).containsExactly(index.digest());
        assertThat(t.lastPulledAt()).isNull();
        LifecycleImage s = images.stream().filter(i -> i.digest().equals(signature.digest())).findFirst()
                .orElseThrow();
        assertThat(s.subject()).isEqualTo(tagged.digest());
        assertThat(s.pushedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(s.mediaType()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
    }

    @Test
    void templatesCreateUpdateDelete() {
        RepositoryCreationTemplate t = new RepositoryCreationTemplate("team/", "d", EncryptionConfiguration.AES256,
                List.of(new ResourceTag("k", "v")), TagMutability.of(TagMutability.Mode.IMMUTABLE_WITH_EXCLUSION,
                "latest"), "", "", Set.of(RepositoryCreationTemplate.AppliedFor.CREATE_ON_PUSH), "", T0, T0);
        ecr.createTemplate(t);
        assertThatThrownBy(() -> ecr.createTemplate(t)).isInstanceOf(TemplateAlreadyExistsException.class);
        assertThat(ecr.templates()).containsExactly(t);
        RepositoryCreationTemplate changed = new RepositoryCreationTemplate("team/", "e", t.encryption(),
                List.of(), TagMutability.MUTABLE, "{}", "", t.appliedFor(), "", T0, T0.plusSeconds(1));
        assertThat(ecr.updateTemplate(changed)).isTrue();
        assertThat(ecr.templates()).containsExactly(changed);
        assertThat(ecr.deleteTemplate("team/")).contains(changed);
        assertThat(ecr.deleteTemplate("team/")).isEmpty();
        assertThat(ecr.updateTemplate(changed)).isFalse();
    }
}
