package dev.berth.registry;

import static dev.berth.registry.Registry.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.metadata.ImageSummary;
import dev.berth.oci.Digest;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pulls are counted in memory and written on flush and on close, over the real stores. */
class PullRecorderTest {
    static final RepositoryName APP = RepositoryName.parse("team/app");

    @TempDir
    Path dir;

    @Test
    void pullsThroughTheManifestServiceAreRecordedOnFlushAndClose() throws Exception {
        try (Registry registry = new Registry(dir)) {
            byte[] image = registry.image(APP, "pulled");
            Digest digest = registry.manifests.put(APP, Tag.parse("v1"), image, Registry.OCI_MANIFEST).digest();
            PullRecorder recorder = new PullRecorder(registry.metadata.ecrStore(), Duration.ofHours(1));
            ManifestService counted = new ManifestService(registry.blobStore, registry.metadata,
                    new RepositoryGate(registry.metadata, false), java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC),
                    recorder);
            counted.get(APP, Tag.parse("v1"));
            counted.get(APP, digest);
            assertThat(summary(registry, digest).pullCount()).isZero();

            recorder.flush();
            ImageSummary after = summary(registry, digest);
            assertThat(after.pullCount()).isEqualTo(2);
            assertThat(after.lastPull()).contains(NOW.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));

            counted.get(APP, digest);
            recorder.close();
            assertThat(summary(registry, digest).pullCount()).isEqualTo(3);
        }
    }

    private static ImageSummary summary(Registry registry, Digest digest) {
        return registry.metadata.ecrStore().describeImages(APP, List.of(digest)).getFirst();
    }
}
