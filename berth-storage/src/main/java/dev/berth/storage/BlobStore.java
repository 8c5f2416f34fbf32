package dev.berth.storage;

import dev.berth.oci.Digest;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Content-addressed byte storage for blobs and manifests, shared by every repository (deduplicated), plus the
 * resumable upload sessions that produce them. Knows nothing of repositories or images.
 *
 * <p>Contract, checked by {@code BlobStoreContract} against every implementation:
 * <ul>
 *   <li>A blob is visible only once complete: bytes are hashed while they stream in and moved into place
 *       atomically after the digest and length are verified; a mismatch leaves nothing behind.</li>
 *   <li>When {@link #put}, {@link #append} or {@link #complete} return, what they wrote survives a crash
 *       (data and directory entries are synced).</li>
 *   <li>No method holds a whole blob in memory.</li>
 *   <li>Thread-safe. Different upload sessions may be used concurrently; one session is used by one caller at a
 *       time (concurrent calls on one session are serialised).</li>
 * </ul>
 */
public interface BlobStore extends Closeable {

    /** The blob's size, if it is stored. */
    Optional<Long> size(Digest digest);

    /** Opens a stored blob for reading; {@link BlobNotFoundException} if absent. */
    BlobReader open(Digest digest) throws IOException;

    /**
     * Stores a blob in one go: streams {@code content} to a temporary place while hashing with the algorithm of
     * {@code expected}, then verifies and moves it into place. Storing a blob that exists is harmless.
     *
     * @throws DigestMismatchException if the bytes do not hash to {@code expected} (nothing is kept)
     */
    long put(Digest expected, InputStream content) throws IOException;

    /** Deletes a blob; returns whether it existed. Readers that already opened it may finish. */
    boolean delete(Digest digest) throws IOException;

    /**
     * Every stored blob with its size and {@linkplain StoredBlob#lastWritten last write}, in no particular order,
     * read lazily (the caller closes the stream; memory stays bounded however many blobs there are). Blobs put or
     * deleted while the stream is open may or may not appear.
     *
     * @throws java.io.UncheckedIOException from the stream's operations if the listing fails midway
     */
    Stream<StoredBlob> blobs() throws IOException;

    /**
     * Deletes the blob only if it has not been written since {@code lastWritten} (the value {@link #blobs} gave).
     * A {@link #put} or {@link #complete} of the same digest, including one that finds the blob already stored,
     * counts as a write, and the check and the delete are one atomic step with respect to it: so a put that
     * returns before this call keeps its blob, and one that runs after it stores the blob afresh. This is what
     * lets garbage collection decide from a listing and still never remove a blob that was put again after it
     * decided. Returns whether the blob was deleted.
     */
    boolean deleteIfNotWrittenSince(Digest digest, Instant lastWritten) throws IOException;

    /** Starts an upload session and returns its id (an opaque, URL-safe string the store made). */
    String createUpload() throws IOException;

    /** Bytes received so far by the session; {@link UploadNotFoundException} if unknown. */
    long uploadedSize(String uploadId) throws IOException;

    /**
     * Appends a chunk at {@code offset}, which must equal the session's current size
     * ({@link UploadOffsetMismatchException} otherwise, with nothing written). If the stream fails midway the
     * session is left as it was before the call. Returns the new size; the chunk is durable when this returns.
     */
    long append(String uploadId, long offset, InputStream chunk) throws IOException;

    /**
     * Appends {@code rest} (may be empty), verifies the whole upload hashes to {@code expected}, and moves it
     * into place as that blob; the session is gone afterwards whether or not the digest matched.
     *
     * @return the blob's size
     * @throws DigestMismatchException if the content does not match (nothing is kept)
     */
    long complete(String uploadId, Digest expected, InputStream rest) throws IOException;

    /** Discards a session; returns whether it existed. */
    boolean abortUpload(String uploadId) throws IOException;

    /**
     * Every upload session with its size and last activity, in no particular order, read lazily (the caller
     * closes the stream).
     */
    Stream<StoredUpload> uploads() throws IOException;

    /**
     * Discards the session only if it has had no activity since {@code idleBefore}; the check and the discard are
     * one atomic step with respect to the session's other operations, so a chunk that arrives just before expiry
     * keeps it alive. Returns whether it was discarded (false also for an unknown session).
     */
    boolean abortUploadIfIdle(String uploadId, Instant idleBefore) throws IOException;
}
