package dev.berth.storage;

import static dev.berth.oci.DigestAlgorithm.SHA256;
import static dev.berth.oci.DigestAlgorithm.SHA512;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.oci.Digest;
import dev.berth.oci.DigestAlgorithm;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The contract, plus what only the file system store promises: its layout, restarts and path safety. */
class FsBlobStoreTest extends BlobStoreContract {
    private static final long MIB = 1 << 20;

    private Path root;

    @Override
    protected BlobStore newStore(Path dir) throws IOException {
        root = dir.resolve("store"); // does not exist yet: the constructor creates it
        return new FsBlobStore(root);
    }

    @Override
    protected void assertNoPartialContent() throws IOException {
        assertThat(list(root.resolve("tmp"))).as("tmp").isEmpty();
        assertThat(list(root.resolve("uploads"))).as("uploads").isEmpty();
    }

    @Test
    void blobsLiveAtTheirDigestPath() throws IOException {
        Digest digest = store("layout".getBytes(UTF_8));
        Path expected = root.resolve("blobs/sha256").resolve(digest.hex().substring(0, 2)).resolve(digest.hex());
        assertThat(expected).hasContent("layout");

        Digest sha512 = Digest.compute(SHA512, "layout".getBytes(UTF_8));
        store.put(sha512, stream("layout"));
        assertThat(root.resolve("blobs/sha512").resolve(sha512.hex().substring(0, 2)).resolve(sha512.hex()))
                .hasContent("layout");
    }

    @Test
    void lastWrittenAndLastActivityComeFromTheStoresClock() throws IOException {
        java.time.Instant then = java.time.Instant.parse("2031-01-02T03:04:05.123456Z");
        try (FsBlobStore clocked = new FsBlobStore(root.resolveSibling("clocked"),
                java.time.Clock.fixed(then, java.time.ZoneOffset.UTC))) {
            Digest digest = Digest.compute(SHA256, "clocked".getBytes(UTF_8));
            clocked.put(digest, stream("clocked"));
            String id = clocked.createUpload();
            clocked.append(id, 0, stream("abc"));

            try (Stream<StoredBlob> blobs = clocked.blobs(); Stream<StoredUpload> uploads = clocked.uploads()) {
                assertThat(blobs.toList()).containsExactly(new StoredBlob(digest, 7, then));
                assertThat(uploads.toList()).containsExactly(new StoredUpload(id, 3, then));
            }
            clocked.put(digest, stream("clocked")); // written again at the same clock time: still moves forward
            try (Stream<StoredBlob> blobs = clocked.blobs()) {
                assertThat(blobs.toList().getFirst().lastWritten()).isAfter(then);
            }
        }
    }

    @Test
    void listingsSkipWhatTheLayoutCouldNotHaveMade() throws IOException {
        Digest digest = store("listed".getBytes(UTF_8));
        Path shard = root.resolve("blobs/sha256").resolve(digest.hex().substring(0, 2));
        Files.writeString(shard.resolve("not-a-digest"), "x");
        Files.writeString(root.resolve("blobs/sha256/zz"), "a file where a shard should be");
        Digest elsewhere = Digest.compute(SHA256, "misplaced".getBytes(UTF_8));
        Path wrongShard = root.resolve("blobs/sha256/" + (digest.hex().startsWith("00") ? "01" : "00"));
        Files.createDirectories(wrongShard);
        Files.writeString(wrongShard.resolve(elsewhere.hex()), "misplaced");
        Files.createDirectories(root.resolve("uploads/not-an-upload"));
        Files.writeString(root.resolve("uploads/not-an-upload/data"), "x");

        assertThat(listBlobs()).extracting(StoredBlob::digest).containsExactly(digest);
        assertThat(listUploads()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void anUploadSurvivesARestart(DigestAlgorithm algorithm) throws IOException {
        var content = new GeneratedContent(42, 3 * MIB + 5);
        String id = store.createUpload();
        store.append(id, 0, content.stream(0, MIB + 1));
        store.close();

        store = new FsBlobStore(root);
        assertThat(store.uploadedSize(id)).isEqualTo(MIB + 1);
        // A failed append on a session rebuilt from disk rolls back too.
        assertThatThrownBy(() -> store.append(id, MIB + 1, new FailingInputStream(content.stream(MIB + 1, MIB), 10)))
                .isInstanceOf(IOException.class);
        store.append(id, MIB + 1, content.stream(MIB + 1, MIB));
        store.close();

        store = new FsBlobStore(root);
        Digest digest = content.digest(algorithm);
        assertThat(store.complete(id, digest, content.stream(2 * MIB + 1, MIB + 4))).isEqualTo(content.size());
        assertThat(readDigest(digest)).isEqualTo(digest);
        assertNoPartialContent();
    }

    @Test
    void startingRemovesWhatACrashLeftBehind() throws IOException {
        String live = store.createUpload();
        store.append(live, 0, stream("keep me"));
        Files.writeString(root.resolve("tmp/half-written.tmp"), "partial put");
        Files.createDirectories(root.resolve("tmp/odd-dir/inner"));
        Path orphan = root.resolve("uploads").resolve(UUID.randomUUID().toString());
        Files.createDirectories(orphan); // a session whose data was moved into place by an interrupted complete
        Path foreign = Files.createDirectories(root.resolve("uploads/not-ours"));
        store.close();

        store = new FsBlobStore(root);

        assertThat(list(root.resolve("tmp"))).isEmpty();
        assertThat(orphan).doesNotExist();
        assertThat(foreign).exists();
        assertThat(store.uploadedSize(live)).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "../../x", "../tmp", "../blobs", "./x", "x/../../x", "/etc/passwd",
            "..\\x", "%2e%2e%2fx", "0F1E2D3C-4B5A-4978-8695-A4B3C2D1E0F9", "0f1e2d3c4b5a49788695a4b3c2d1e0f9",
            "0f1e2d3c-4b5a-1978-8695-a4b3c2d1e0f9", "0f1e2d3c-4b5a-4978-c695-a4b3c2d1e0f9",
            "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9\n", " 0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9",
            "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9/../x", "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9/data"})
    void uploadIdsThatAreNotOursNeverReachTheFileSystem(String id) throws IOException {
        // Decoys where a traversal would land: root/x/data and tempDir/x/data.
        Path inside = Files.createDirectories(root.resolve("x"));
        Path outside = Files.createDirectories(tempDir.resolve("x"));
        Files.writeString(inside.resolve("data"), "decoy");
        Files.writeString(outside.resolve("data"), "decoy");

        assertThatThrownBy(() -> store.uploadedSize(id)).isInstanceOf(UploadNotFoundException.class);
        assertThatThrownBy(() -> store.append(id, 5, stream("more"))).isInstanceOf(UploadNotFoundException.class);
        assertThatThrownBy(() -> store.complete(id, sha256("decoy"), stream("")))
                .isInstanceOf(UploadNotFoundException.class);
        assertThat(store.abortUpload(id)).isFalse();

        assertThat(inside.resolve("data")).hasContent("decoy");
        assertThat(outside.resolve("data")).hasContent("decoy");
        assertThat(store.size(sha256("decoy"))).isEmpty();
    }

    @Test
    void aFailedAppendTruncatesTheFile() throws IOException {
        String id = store.createUpload();
        store.append(id, 0, stream("12345"));
        assertThatThrownBy(() -> store.append(id, 5, new FailingInputStream(new GeneratedContent(1, 3 * MIB).stream(),
                2 * MIB + 3))).isInstanceOf(IOException.class);
        assertThat(root.resolve("uploads").resolve(id).resolve("data")).hasContent("12345");
    }

    @Test
    void aReaderOpenedBeforeDeleteKeepsReading() throws IOException {
        var content = new GeneratedContent(9, 2 * MIB);
        Digest digest = content.digest(SHA256);
        store.put(digest, content.stream());
        try (BlobReader reader = store.open(digest)) {
            assertThat(store.delete(digest)).isTrue();
            var sink = new HashingSink(SHA256);
            reader.transferTo(0, reader.size(), sink);
            assertThat(sink.digest()).isEqualTo(digest);
        }
    }

    @Test
    void smallRangesUseABufferAndLargeOnesMappedWindows() throws IOException {
        var content = new GeneratedContent(3, 10 * MIB + 3);
        Digest digest = content.digest(SHA256);
        store.put(digest, content.stream());
        Path file = root.resolve("blobs/sha256").resolve(digest.hex().substring(0, 2)).resolve(digest.hex());
        int window = (int) MIB;
        try (var reader = new FileBlobReader(FileChannel.open(file, StandardOpenOption.READ), window)) {
            var whole = new HashingSink(SHA256);
            reader.transferTo(0, reader.size(), whole);
            assertThat(whole.digest()).isEqualTo(digest);
            assertThat(whole.largestBuffer()).isEqualTo(window);
            assertThat(whole.writes()).isEqualTo(11);

            var crossing = new HashingSink(SHA256);
            reader.transferTo(3 * MIB - 7, 2 * MIB + 14, crossing);
            assertThat(crossing.digest()).isEqualTo(content.digest(SHA256, 3 * MIB - 7, 2 * MIB + 14));
            assertThat(crossing.writes()).isEqualTo(3);

            var small = new HashingSink(SHA256);
            reader.transferTo(MIB - 100, FileBlobReader.BUFFER_SIZE, small);
            assertThat(small.digest()).isEqualTo(content.digest(SHA256, MIB - 100, FileBlobReader.BUFFER_SIZE));
            assertThat(small.writes()).isEqualTo(1);
        }
    }

    @Test
    void smallBlobsAreReadThroughABoundedBuffer() throws IOException {
        var content = new GeneratedContent(4, MIB);
        Digest digest = content.digest(SHA256);
        store.put(digest, content.stream());
        try (BlobReader reader = store.open(digest)) {
            var sink = new HashingSink(SHA256);
            reader.transferTo(0, MIB, sink);
            assertThat(sink.digest()).isEqualTo(digest);
            assertThat(sink.largestBuffer()).isEqualTo(FileBlobReader.BUFFER_SIZE);
            assertThat(sink.writes()).isEqualTo(4);
        }
    }

    private static java.util.List<Path> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        }
    }
}
