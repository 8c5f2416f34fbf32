package dev.berth.storage;

import static dev.berth.oci.DigestAlgorithm.SHA256;
import static dev.berth.oci.DigestAlgorithm.SHA512;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.berth.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link BlobStore} must have (see its javadoc). An implementation's test is a short subclass
 * that says how to make a store; it inherits every case. Shipped in the module's test-jar.
 */
public abstract class BlobStoreContract {
    /** Large enough to cross a 64 MiB mapped window. */
    private static final long LARGE = (64L << 20) + (3 << 20) + 12_345;
    private static final long MIB = 1 << 20;

    @TempDir
    protected Path tempDir;

    protected BlobStore store;

    /** A new, empty store; {@code dir} is a fresh temporary directory it may use. */
    protected abstract BlobStore newStore(Path dir) throws IOException;

    /**
     * Called after failed or abandoned writes: an implementation that can see its staging areas asserts they hold
     * nothing. Does nothing by default.
     */
    protected void assertNoPartialContent() throws IOException {}

    @BeforeEach
    void openStore() throws IOException {
        store = newStore(tempDir);
    }

    @AfterEach
    void closeStore() throws IOException {
        store.close();
    }

    // ---- put, size, open, delete

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 4095, 4096, 256 * 1024 + 1, 3 * MIB + 7})
    void putThenReadBack(long size) throws IOException {
        var content = new GeneratedContent(size, size);
        Digest digest = content.digest(SHA256);

        assertThat(store.put(digest, content.stream())).isEqualTo(size);

        assertThat(store.size(digest)).contains(size);
        try (BlobReader reader = store.open(digest)) {
            assertThat(reader.size()).isEqualTo(size);
            var sink = new HashingSink(SHA256);
            reader.transferTo(0, size, sink);
            assertThat(sink.count()).isEqualTo(size);
            assertThat(sink.digest()).isEqualTo(digest);
        }
    }

    @Test
    void absentBlob() throws IOException {
        Digest absent = sha256("never stored");
        assertThat(store.size(absent)).isEmpty();
        assertThatThrownBy(() -> store.open(absent)).isInstanceOf(BlobNotFoundException.class);
        assertThat(store.delete(absent)).isFalse();
    }

    @ParameterizedTest(name = "[{0}, +{1})")
    @CsvSource({"0, 10", "3, 4", "9, 1", "10, 0", "0, 0", "5, 5"})
    void rangesOfASmallBlob(long offset, long length) throws IOException {
        byte[] bytes = "0123456789".getBytes(UTF_8);
        Digest digest = store(bytes);
        assertThat(read(digest, offset, length))
                .isEqualTo(Arrays.copyOfRange(bytes, (int) offset, (int) (offset + length)));
    }

    @ParameterizedTest(name = "[{0}, +{1})")
    @CsvSource({"0, 3145728", "1, 3145727", "3145727, 1", "1048575, 2", "262144, 262145", "3145728, 0"})
    void rangesOfALargerBlob(long offset, long length) throws IOException {
        var content = new GeneratedContent(7, 3 * MIB);
        Digest digest = content.digest(SHA256);
        store.put(digest, content.stream());
        try (BlobReader reader = store.open(digest)) {
            var sink = new HashingSink(SHA256);
            reader.transferTo(offset, length, sink);
            assertThat(sink.count()).isEqualTo(length);
            assertThat(sink.digest()).isEqualTo(content.digest(SHA256, offset, length));
        }
    }

    @ParameterizedTest(name = "[{0}, +{1})")
    @CsvSource({"-1, 1", "0, 11", "10, 1", "11, 0", "5, -1"})
    void rangeOutsideTheBlobIsRefused(long offset, long length) throws IOException {
        Digest digest = store("0123456789".getBytes(UTF_8));
        try (BlobReader reader = store.open(digest)) {
            assertThatThrownBy(() -> reader.transferTo(offset, length, b -> {}))
                    .isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void digestMismatchKeepsNothing() throws IOException {
        Digest claimed = sha256("something else");
        assertThatThrownBy(() -> store.put(claimed, stream("actual content")))
                .isInstanceOfSatisfying(DigestMismatchException.class, e -> {
                    assertThat(e.expected()).isEqualTo(claimed);
                    assertThat(e.actual()).isEqualTo(sha256("actual content"));
                });
        assertThat(store.size(claimed)).isEmpty();
        assertThat(store.size(sha256("actual content"))).isEmpty();
        assertNoPartialContent();
    }

    @Test
    void failingStreamDuringPutKeepsNothing() throws IOException {
        var content = new GeneratedContent(3, 2 * MIB);
        Digest digest = content.digest(SHA256);
        assertThatThrownBy(() -> store.put(digest, new FailingInputStream(content.stream(), MIB + 5)))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(DigestMismatchException.class);
        assertThat(store.size(digest)).isEmpty();
        assertNoPartialContent();
    }

    @Test
    void sha512Blobs() throws IOException {
        var content = new GeneratedContent(512, 2 * MIB + 3);
        Digest digest = content.digest(SHA512);
        assertThat(digest.toString()).startsWith("sha512:");

        assertThat(store.put(digest, content.stream())).isEqualTo(content.size());

        assertThat(store.size(digest)).contains(content.size());
        assertThat(store.size(content.digest(SHA256))).isEmpty();
        try (BlobReader reader = store.open(digest)) {
            var sink = new HashingSink(SHA512);
            reader.transferTo(0, reader.size(), sink);
            assertThat(sink.digest()).isEqualTo(digest);
        }
        assertThatThrownBy(() -> store.put(sha512("other"), content.stream()))
                .isInstanceOf(DigestMismatchException.class);
    }

    @Test
    void puttingTheSameBlobTwiceIsHarmless() throws IOException {
        byte[] bytes = "same bytes".getBytes(UTF_8);
        Digest digest = store(bytes);
        assertThat(store.put(digest, new ByteArrayInputStream(bytes))).isEqualTo(bytes.length);
        assertThat(read(digest, 0, bytes.length)).isEqualTo(bytes);
        assertNoPartialContent();
    }

    @Test
    void deleteRemovesTheBlob() throws IOException {
        Digest digest = store("to delete".getBytes(UTF_8));
        assertThat(store.delete(digest)).isTrue();
        assertThat(store.size(digest)).isEmpty();
        assertThatThrownBy(() -> store.open(digest)).isInstanceOf(BlobNotFoundException.class);
        assertThat(store.delete(digest)).isFalse();
        // and it can be stored again
        store("to delete".getBytes(UTF_8));
        assertThat(store.size(digest)).contains(9L);
    }

    @Test
    void largeBlobReadAcrossMappedWindows() throws IOException {
        var content = new GeneratedContent(64, LARGE);
        Digest digest = content.digest(SHA256);
        assertThat(store.put(digest, content.stream())).isEqualTo(LARGE);

        try (BlobReader reader = store.open(digest)) {
            var whole = new HashingSink(SHA256);
            reader.transferTo(0, LARGE, whole);
            assertThat(whole.count()).isEqualTo(LARGE);
            assertThat(whole.digest()).isEqualTo(digest);

            long boundary = 64L << 20;
            for (long[] range : new long[][] {
                    {boundary - 100_000, 200_000}, {boundary - 1, 2}, {1, LARGE - 1}, {LARGE - 1, 1}}) {
                var sink = new HashingSink(SHA256);
                reader.transferTo(range[0], range[1], sink);
                assertThat(sink.digest()).as("range %d+%d", range[0], range[1])
                        .isEqualTo(content.digest(SHA256, range[0], range[1]));
            }
        }
    }

    @Test
    void concurrentPutsOfTheSameBlobAllSucceed() throws Exception {
        var content = new GeneratedContent(8, 4 * MIB + 1);
        Digest digest = content.digest(SHA256);
        var start = new CyclicBarrier(8);
        List<Long> sizes = inParallel(8, i -> {
            start.await();
            return store.put(digest, content.stream());
        });
        assertThat(sizes).containsOnly(content.size());
        try (BlobReader reader = store.open(digest)) {
            var sink = new HashingSink(SHA256);
            reader.transferTo(0, reader.size(), sink);
            assertThat(sink.digest()).isEqualTo(digest);
        }
        assertNoPartialContent();
    }

    // ---- upload sessions

    @Test
    void chunkedUpload() throws IOException {
        var content = new GeneratedContent(11, 3 * MIB + 100);
        String id = store.createUpload();
        assertThat(store.uploadedSize(id)).isZero();

        assertThat(store.append(id, 0, content.stream(0, MIB))).isEqualTo(MIB);
        assertThat(store.append(id, MIB, content.stream(MIB, 1))).isEqualTo(MIB + 1);
        assertThat(store.append(id, MIB + 1, content.stream(MIB + 1, 0))).isEqualTo(MIB + 1);
        assertThat(store.append(id, MIB + 1, content.stream(MIB + 1, 2 * MIB))).isEqualTo(3 * MIB + 1);
        assertThat(store.uploadedSize(id)).isEqualTo(3 * MIB + 1);

        Digest digest = content.digest(SHA256);
        assertThat(store.complete(id, digest, content.stream(3 * MIB + 1, 99))).isEqualTo(content.size());

        assertThat(store.size(digest)).contains(content.size());
        assertThat(readDigest(digest)).isEqualTo(digest);
        assertThatThrownBy(() -> store.uploadedSize(id)).isInstanceOf(UploadNotFoundException.class);
        assertNoPartialContent();
    }

    @Test
    void uploadCompletedInOneGoOrEmpty() throws IOException {
        byte[] bytes = "monolithic through a session".getBytes(UTF_8);
        String id = store.createUpload();
        assertThat(store.complete(id, Digest.compute(SHA256, bytes), new ByteArrayInputStream(bytes)))
                .isEqualTo(bytes.length);

        String empty = store.createUpload();
        Digest emptyDigest = Digest.compute(SHA256, new byte[0]);
        assertThat(store.complete(empty, emptyDigest, InputStream.nullInputStream())).isZero();
        assertThat(store.size(emptyDigest)).contains(0L);
    }

    @Test
    void sha512Upload() throws IOException {
        var content = new GeneratedContent(5, 2 * MIB);
        String id = store.createUpload();
        store.append(id, 0, content.stream(0, MIB));
        Digest digest = content.digest(SHA512);
        assertThat(store.complete(id, digest, content.stream(MIB, MIB))).isEqualTo(2 * MIB);
        assertThat(readDigest(digest)).isEqualTo(digest);
    }

    @Test
    void completingAnUploadThatExistsAsABlob() throws IOException {
        byte[] bytes = "already here".getBytes(UTF_8);
        Digest digest = store(bytes);
        String id = store.createUpload();
        store.append(id, 0, new ByteArrayInputStream(bytes));
        assertThat(store.complete(id, digest, InputStream.nullInputStream())).isEqualTo(bytes.length);
        assertThat(read(digest, 0, bytes.length)).isEqualTo(bytes);
        assertNoPartialContent();
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 0, 4, 6, Long.MAX_VALUE})
    void appendAtTheWrongOffsetWritesNothing(long offset) throws IOException {
        String id = store.createUpload();
        store.append(id, 0, stream("12345"));
        assertThatThrownBy(() -> store.append(id, offset, stream("67890")))
                .isInstanceOfSatisfying(UploadOffsetMismatchException.class,
                        e -> assertThat(e.currentSize()).isEqualTo(5));
        assertThat(store.uploadedSize(id)).isEqualTo(5);
        assertThat(store.complete(id, sha256("12345"), stream(""))).isEqualTo(5);
    }

    @Test
    void failedAppendLeavesTheSessionAsItWas() throws IOException {
        var content = new GeneratedContent(13, 3 * MIB);
        String id = store.createUpload();
        store.append(id, 0, content.stream(0, MIB));

        assertThatThrownBy(() -> store.append(id, MIB, new FailingInputStream(content.stream(MIB, 2 * MIB), MIB + 17)))
                .isInstanceOf(IOException.class);
        assertThat(store.uploadedSize(id)).isEqualTo(MIB);
        assertThatThrownBy(() -> store.append(id, MIB, new FailingInputStream(content.stream(MIB, 2 * MIB), 3)))
                .isInstanceOf(IOException.class);
        assertThat(store.uploadedSize(id)).isEqualTo(MIB);

        store.append(id, MIB, content.stream(MIB, MIB));
        Digest digest = content.digest(SHA256);
        assertThat(store.complete(id, digest, content.stream(2 * MIB, MIB))).isEqualTo(3 * MIB);
        assertThat(readDigest(digest)).isEqualTo(digest);
    }

    @Test
    void completeWithTheWrongDigestKeepsNothingAndEndsTheSession() throws IOException {
        String id = store.createUpload();
        store.append(id, 0, stream("abc"));
        Digest claimed = sha256("abcd");
        assertThatThrownBy(() -> store.complete(id, claimed, stream("")))
                .isInstanceOf(DigestMismatchException.class);
        assertThat(store.size(claimed)).isEmpty();
        assertThat(store.size(sha256("abc"))).isEmpty();
        assertThatThrownBy(() -> store.uploadedSize(id)).isInstanceOf(UploadNotFoundException.class);
        assertNoPartialContent();
    }

    @Test
    void completeWithAFailingStreamEndsTheSession() throws IOException {
        String id = store.createUpload();
        store.append(id, 0, stream("abc"));
        assertThatThrownBy(() -> store.complete(id, sha256("abcdef"), new FailingInputStream(stream("def"), 1)))
                .isInstanceOf(IOException.class);
        assertThat(store.size(sha256("abcdef"))).isEmpty();
        assertThatThrownBy(() -> store.uploadedSize(id)).isInstanceOf(UploadNotFoundException.class);
        assertNoPartialContent();
    }

    @Test
    void abort() throws IOException {
        String id = store.createUpload();
        store.append(id, 0, stream("partial"));
        assertThat(store.abortUpload(id)).isTrue();
        assertThat(store.abortUpload(id)).isFalse();
        assertThatThrownBy(() -> store.uploadedSize(id)).isInstanceOf(UploadNotFoundException.class);
        assertThatThrownBy(() -> store.append(id, 7, stream("more"))).isInstanceOf(UploadNotFoundException.class);
        assertNoPartialContent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "../x", "..", ".", "uploads", "00000000-0000-0000-0000-000000000000"})
    void unknownUploadIds(String id) throws IOException {
        assertThatThrownBy(() -> store.uploadedSize(id)).isInstanceOf(UploadNotFoundException.class);
        assertThatThrownBy(() -> store.append(id, 0, stream("x"))).isInstanceOf(UploadNotFoundException.class);
        assertThatThrownBy(() -> store.complete(id, sha256("x"), stream("x")))
                .isInstanceOf(UploadNotFoundException.class);
        assertThat(store.abortUpload(id)).isFalse();
        assertThat(store.size(sha256("x"))).isEmpty();
    }

    @Test
    void aRandomUuidIsNotAnUpload() throws IOException {
        String unknown = UUID.randomUUID().toString();
        assertThatThrownBy(() -> store.uploadedSize(unknown)).isInstanceOf(UploadNotFoundException.class);
        assertThat(store.abortUpload(unknown)).isFalse();
    }

    @Test
    void uploadIdsAreDistinctAndUrlSafe() throws IOException {
        var ids = new HashSet<String>();
        for (int i = 0; i < 20; i++) {
            String id = store.createUpload();
            assertThat(id).matches("[A-Za-z0-9._~-]+");
            ids.add(id);
        }
        assertThat(ids).hasSize(20);
    }

    @Test
    void concurrentAppendsToOneSessionAreSerialised() throws Exception {
        String id = store.createUpload();
        var content = new GeneratedContent(21, 2 * MIB);
        var start = new CyclicBarrier(4);
        List<Long> results = inParallel(4, i -> {
            start.await();
            try {
                return store.append(id, 0, content.stream());
            } catch (UploadOffsetMismatchException e) {
                return -1L;
            }
        });
        assertThat(results).containsOnlyOnce(2 * MIB).filteredOn(r -> r != 2 * MIB).containsOnly(-1L);
        Digest digest = content.digest(SHA256);
        assertThat(store.complete(id, digest, stream(""))).isEqualTo(2 * MIB);
        assertThat(readDigest(digest)).isEqualTo(digest);
    }

    @Test
    void concurrentDistinctUploads() throws Exception {
        int n = 8;
        var start = new CyclicBarrier(n);
        List<Long> sizes = inParallel(n, i -> {
            var content = new GeneratedContent(100 + i, MIB + i * 1000L);
            String id = store.createUpload();
            start.await();
            long half = content.size() / 2;
            store.append(id, 0, content.stream(0, half));
            store.append(id, half, content.stream(half, content.size() - half));
            return store.complete(id, content.digest(SHA256), stream(""));
        });
        for (int i = 0; i < n; i++) {
            var content = new GeneratedContent(100 + i, MIB + i * 1000L);
            assertThat(sizes.get(i)).isEqualTo(content.size());
            assertThat(readDigest(content.digest(SHA256))).isEqualTo(content.digest(SHA256));
        }
        assertNoPartialContent();
    }

    // ---- helpers

    /** Runs {@code task(0..n-1)} on n threads and returns the results in order; fails on any exception. */
    protected static <T> List<T> inParallel(int n, IndexedTask<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit((Callable<T>) () -> task.run(index)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(2, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    protected interface IndexedTask<T> {
        T run(int index) throws Exception;
    }

    protected Digest store(byte[] bytes) throws IOException {
        Digest digest = Digest.compute(SHA256, bytes);
        assertThat(store.put(digest, new ByteArrayInputStream(bytes))).isEqualTo(bytes.length);
        return digest;
    }

    protected byte[] read(Digest digest, long offset, long length) throws IOException {
        var out = new ByteArrayOutputStream();
        try (BlobReader reader = store.open(digest); var channel = Channels.newChannel(out)) {
            reader.transferTo(offset, length, buffer -> {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            });
        }
        return out.toByteArray();
    }

    // ---- listings and conditional deletes (garbage collection)

    @Test
    void listsEveryBlobWithItsSize() throws IOException {
        assertThat(listBlobs()).isEmpty();
        Digest a = store("first blob".getBytes(UTF_8));
        Digest b = store(new byte[0]);
        Digest c = sha512("a sha512 blob");
        store.put(c, stream("a sha512 blob"));

        assertThat(listBlobs()).extracting(StoredBlob::digest, StoredBlob::size)
                .containsExactlyInAnyOrder(tuple(a, 10L), tuple(b, 0L), tuple(c, 13L));
        store.delete(a);
        assertThat(listBlobs()).extracting(StoredBlob::digest).containsExactlyInAnyOrder(b, c);
    }

    @Test
    void deleteIfNotWrittenSinceDeletesAnUnchangedBlob() throws IOException {
        Digest digest = store("old garbage".getBytes(UTF_8));
        StoredBlob listed = only(digest);

        assertThat(store.deleteIfNotWrittenSince(digest, listed.lastWritten())).isTrue();
        assertThat(store.size(digest)).isEmpty();
        assertThat(store.deleteIfNotWrittenSince(digest, listed.lastWritten())).isFalse();
    }

    @Test
    void aPutAfterTheListingKeepsTheBlob() throws IOException {
        Digest digest = store("put again".getBytes(UTF_8));
        StoredBlob listed = only(digest);

        store.put(digest, stream("put again"));

        assertThat(store.deleteIfNotWrittenSince(digest, listed.lastWritten())).isFalse();
        assertThat(read(digest, 0, 9)).isEqualTo("put again".getBytes(UTF_8));
        assertThat(only(digest).lastWritten()).isAfter(listed.lastWritten());
    }

    @Test
    void completingAnUploadOfAStoredBlobCountsAsAWrite() throws IOException {
        Digest digest = store("uploaded again".getBytes(UTF_8));
        StoredBlob listed = only(digest);
        String id = store.createUpload();

        store.complete(id, digest, stream("uploaded again"));

        assertThat(store.deleteIfNotWrittenSince(digest, listed.lastWritten())).isFalse();
        assertThat(store.size(digest)).contains(14L);
    }

    /**
     * A put racing a conditional delete that decided from an earlier listing: whichever runs first, the blob is
     * there once both have returned (the delete either sees the put's write or runs before the put stores afresh).
     */
    @Test
    void aPutRacingAConditionalDeleteAlwaysKeepsItsBlob() throws Exception {
        byte[] bytes = "contended".getBytes(UTF_8);
        Digest digest = store(bytes);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 300; round++) {
                StoredBlob listed = only(digest);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<Long> put = pool.submit(() -> {
                    start.await();
                    return store.put(digest, new ByteArrayInputStream(bytes));
                });
                Future<Boolean> delete = pool.submit(() -> {
                    start.await();
                    return store.deleteIfNotWrittenSince(digest, listed.lastWritten());
                });
                put.get(10, TimeUnit.SECONDS);
                delete.get(10, TimeUnit.SECONDS);
                assertThat(store.size(digest)).as("round %d", round).contains((long) bytes.length);
            }
        } finally {
            pool.shutdownNow();
        }
        assertNoPartialContent();
    }

    @Test
    void listsOpenUploadsWithTheirSize() throws IOException {
        assertThat(listUploads()).isEmpty();
        String a = store.createUpload();
        String b = store.createUpload();
        store.append(b, 0, stream("12345"));
        String done = store.createUpload();
        store.complete(done, sha256("x"), stream("x"));

        assertThat(listUploads()).extracting(StoredUpload::id, StoredUpload::size)
                .containsExactlyInAnyOrder(tuple(a, 0L), tuple(b, 5L));
    }

    @Test
    void abortUploadIfIdle() throws IOException {
        String id = store.createUpload();
        store.append(id, 0, stream("abc"));
        StoredUpload listed = listUploads().getFirst();

        assertThat(store.abortUploadIfIdle(id, listed.lastActivity())).as("active at the cutoff").isFalse();
        assertThat(store.uploadedSize(id)).isEqualTo(3);
        assertThat(store.abortUploadIfIdle(id, listed.lastActivity().plusMillis(1))).isTrue();
        assertThatThrownBy(() -> store.uploadedSize(id)).isInstanceOf(UploadNotFoundException.class);
        assertThat(store.abortUploadIfIdle(id, listed.lastActivity().plusSeconds(60))).isFalse();
        assertThat(store.abortUploadIfIdle("not-an-id", listed.lastActivity())).isFalse();
        assertNoPartialContent();
    }

    protected List<StoredBlob> listBlobs() throws IOException {
        try (Stream<StoredBlob> blobs = store.blobs()) {
            return blobs.toList();
        }
    }

    protected List<StoredUpload> listUploads() throws IOException {
        try (Stream<StoredUpload> uploads = store.uploads()) {
            return uploads.toList();
        }
    }

    private StoredBlob only(Digest digest) throws IOException {
        return listBlobs().stream().filter(b -> b.digest().equals(digest)).findFirst().orElseThrow();
    }

    /** Streams the stored blob through a hasher of the digest's algorithm. */
    protected Digest readDigest(Digest digest) throws IOException {
        try (BlobReader reader = store.open(digest)) {
            var sink = new HashingSink(digest.algorithm());
            reader.transferTo(0, reader.size(), sink);
            return sink.digest();
        }
    }

    protected static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(UTF_8));
    }

    protected static Digest sha256(String text) {
        return Digest.compute(SHA256, text.getBytes(UTF_8));
    }

    protected static Digest sha512(String text) {
        return Digest.compute(SHA512, text.getBytes(UTF_8));
    }
}
