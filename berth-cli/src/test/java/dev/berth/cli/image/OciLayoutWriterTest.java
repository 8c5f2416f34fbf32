package dev.berth.cli.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.oci.Digest;
import dev.berth.oci.DigestAlgorithm;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutWriterTest {
    @TempDir
    Path dir;

    private static final byte[] CONTENT = "layer bytes".getBytes(StandardCharsets.UTF_8);
    private static final Descriptor BLOB = Descriptor.of("application/octet-stream",
            Digest.compute(DigestAlgorithm.SHA256, CONTENT), CONTENT.length);

    @Test
    void writesVerifiedBlobsUnderTheirDigest() throws IOException {
        OciLayoutWriter writer = new OciLayoutWriter(dir);
        AtomicLong progress = new AtomicLong();
        writer.writeBlob(BLOB, new ByteArrayInputStream(CONTENT), progress::addAndGet);
        assertThat(Files.readAllBytes(dir.resolve("blobs/sha256/" + BLOB.digest().hex()))).isEqualTo(CONTENT);
        assertThat(progress.get()).isEqualTo(CONTENT.length);
        assertThat(writer.hasBlob(BLOB)).isTrue();
    }

    @Test
    void keepsNothingWhenTheContentDoesNotMatch() throws IOException {
        OciLayoutWriter writer = new OciLayoutWriter(dir);
        byte[] other = "other bytes".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> writer.writeBlob(BLOB, new ByteArrayInputStream(other), n -> { }))
                .isInstanceOf(IOException.class).hasMessageContaining("does not match");
        try (var files = Files.list(dir.resolve("blobs/sha256"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void indexEntriesAreReplacedByNameAndReadBack() throws IOException {
        OciLayoutWriter writer = new OciLayoutWriter(dir);
        writer.addToIndex(BLOB.withRefName("1.0"));
        Descriptor newer = Descriptor.of("application/vnd.oci.image.index.v1+json",
                Digest.compute(DigestAlgorithm.SHA256, new byte[] {1}), 1).withRefName("1.0");
        writer.addToIndex(newer);
        writer.addToIndex(BLOB.withRefName("latest"));

        OciLayoutReader reader = new OciLayoutReader(new DirectoryFiles(dir));
        assertThat(OciLayoutReader.isLayout(reader.files())).isTrue();
        assertThat(reader.index()).hasSize(2);
        assertThat(reader.select("1.0").digest()).isEqualTo(newer.digest());
        assertThat(reader.select("latest").digest()).isEqualTo(BLOB.digest());
        assertThatThrownBy(() -> reader.select(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds 2 images").hasMessageContaining("1.0, latest");
        assertThatThrownBy(() -> reader.select("2.0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no image '2.0'");
    }
}
