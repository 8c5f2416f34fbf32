package dev.berth.storage;

import dev.berth.oci.Digest;
import dev.berth.oci.DigestAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * A {@link BlobStore} on a local file system; layout, atomicity and crash behaviour are described in
 * {@code docs/storage.md} and paths are mapped by {@link FsLayout}.
 *
 * <p>Every blob is written to a file outside {@code blobs/} (a temp file, or an upload session's data file),
 * hashed while it streams in, verified, synced, and renamed into place; the directory is synced after the
 * rename. So a blob path either does not exist or holds exactly the bytes its name promises, even after a crash,
 * and blob files are never modified afterwards, which is what lets readers memory-map them.
 *
 * <p>A blob's file modification time is its {@linkplain StoredBlob#lastWritten last write}: a put that finds the
 * blob already stored moves it forward. Moving a blob into place, refreshing that time, and the conditional delete
 * of garbage collection take a per-digest lock, so they are atomic with respect to each other (docs/gc.md has the
 * argument).
 *
 * <p>Thread-safe. One instance per root directory: starting deletes stale temp files, upload sessions keep
 * state in memory, and the per-digest locks are in memory, so two live stores (or processes) on one root would
 * disturb each other.
 */
public final class FsBlobStore implements BlobStore {
    /** Striped locks by digest: enough stripes that unrelated puts rarely meet, few enough to allocate up front. */
    private static final int DIGEST_STRIPES = 256;

    private final FsLayout layout;
    private final Clock clock;
    private final UploadSessions uploads;
    private final ReentrantLock[] digestLocks = new ReentrantLock[DIGEST_STRIPES];

    /**
     * Opens (creating if needed) a store rooted at {@code root}, and removes what a crash may have left behind:
     * temp files of unfinished puts, and upload directories whose data file was never created or was already
     * moved into place by a {@code complete} that did not get to delete the directory.
     */
    public FsBlobStore(Path root) throws IOException {
        this(root, Clock.systemUTC());
    }

    /**
     * As {@link #FsBlobStore(Path)}, with the clock that stamps blobs' last writes and sessions' last activity, so
     * that garbage collection, which judges ages with the same clock, agrees with it even when it runs with an
     * offset ({@code BERTH_CLOCK_OFFSET}).
     */
    public FsBlobStore(Path root, Clock clock) throws IOException {
        this.layout = new FsLayout(root);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.uploads = new UploadSessions(layout, clock);
        for (int i = 0; i < DIGEST_STRIPES; i++) {
            digestLocks[i] = new ReentrantLock();
        }
        FsSync.createDirectories(layout.blobsDir());
        FsSync.createDirectories(layout.uploadsDir());
        FsSync.createDirectories(layout.tmpDir());
        removeLeftovers();
    }

    /** @throws UncheckedIOException if the file system fails (the SPI declares no checked exception here) */
    @Override
    public Optional<Long> size(Digest digest) {
        try {
            return Optional.of(Files.size(layout.blob(digest)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public BlobReader open(Digest digest) throws IOException {
        try {
            return new FileBlobReader(FileChannel.open(layout.blob(digest), StandardOpenOption.READ));
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException("no blob " + digest);
        }
    }

    @Override
    public long put(Digest expected, InputStream content) throws IOException {
        FsSync.createDirectories(layout.tmpDir());
        Path temp = layout.newTempFile();
        try {
            long size;
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                MessageDigest hasher = expected.algorithm().newHasher();
                size = HashingCopy.copy(content, out, hasher);
                verify(expected, hasher.digest());
                out.force(true);
            }
            promote(temp, expected);
            return size;
        } finally {
            Files.deleteIfExists(temp); // gone already unless something failed
        }
    }

    /**
     * Unlinks the blob. The directory is not synced: a delete undone by a crash leaves a valid blob that garbage
     * collection will find again. Empty shard directories are kept, since a concurrent put may be about to use
     * them.
     */
    @Override
    public boolean delete(Digest digest) throws IOException {
        ReentrantLock lock = lockFor(digest);
        lock.lock();
        try {
            return Files.deleteIfExists(layout.blob(digest));
        } finally {
            lock.unlock();
        }
    }

    /** Walks {@code blobs/<alg>/<shard>/} one directory at a time; a file that vanishes meanwhile is skipped. */
    @Override
    public Stream<StoredBlob> blobs() throws IOException {
        return FsListing.blobs(layout);
    }

    /**
     * Under the digest's lock, compares the file's modification time with {@code lastWritten} and unlinks it only
     * if they are equal. Not synced, like {@link #delete}.
     */
    @Override
    public boolean deleteIfNotWrittenSince(Digest digest, Instant lastWritten) throws IOException {
        Path target = layout.blob(digest);
        ReentrantLock lock = lockFor(digest);
        lock.lock();
        try {
            FileTime current = Files.getLastModifiedTime(target);
            if (!current.toInstant().equals(lastWritten)) {
                return false;
            }
            Files.delete(target);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String createUpload() throws IOException {
        return uploads.create();
    }

    @Override
    public long uploadedSize(String uploadId) throws IOException {
        return uploads.withSession(uploadId, (session, data) -> session.size());
    }

    @Override
    public long append(String uploadId, long offset, InputStream chunk) throws IOException {
        return uploads.withSession(uploadId, (session, data) -> {
            if (offset != session.size()) {
                throw new UploadOffsetMismatchException(offset, session.size());
            }
            return uploads.append(session, data, chunk);
        });
    }

    /**
     * Appends {@code rest}, then checks the digest: sha256 from the state kept while the chunks streamed in,
     * sha512 by rehashing the file. The session directory is deleted in every outcome.
     */
    @Override
    public long complete(String uploadId, Digest expected, InputStream rest) throws IOException {
        return uploads.withSession(uploadId, (session, data) -> {
            try {
                long size = uploads.append(session, data, rest);
                byte[] hash = expected.algorithm() == DigestAlgorithm.SHA256
                        ? session.finishSha256()
                        : HashingCopy.hashFile(data, expected.algorithm()).digest();
                verify(expected, hash);
                promote(data, expected); // the appends synced the data
                return size;
            } finally {
                uploads.discard(uploadId, session, data);
            }
        });
    }

    /**
     * Also answers false for ids this store could not have made, rather than throwing: the SPI reports an unknown
     * session as {@code false} here.
     */
    @Override
    public boolean abortUpload(String uploadId) throws IOException {
        try {
            return uploads.withSession(uploadId, (session, data) -> {
                uploads.discard(uploadId, session, data);
                return true;
            });
        } catch (UploadNotFoundException e) {
            return false;
        }
    }

    @Override
    public Stream<StoredUpload> uploads() throws IOException {
        return FsListing.uploads(layout);
    }

    /** The data file's modification time is the session's last activity (every append writes it). */
    @Override
    public boolean abortUploadIfIdle(String uploadId, Instant idleBefore) throws IOException {
        try {
            return uploads.withSession(uploadId, (session, data) -> {
                if (!Files.getLastModifiedTime(data).toInstant().isBefore(idleBefore)) {
                    return false;
                }
                uploads.discard(uploadId, session, data);
                return true;
            });
        } catch (UploadNotFoundException e) {
            return false;
        }
    }

    /** Holds no resources beyond open readers, which their callers close. */
    @Override
    public void close() {}

    private static void verify(Digest expected, byte[] hash) throws DigestMismatchException {
        Digest actual = Digest.of(expected.algorithm(), hash);
        if (!actual.equals(expected)) {
            throw new DigestMismatchException(expected, actual);
        }
    }

    /**
     * Moves a verified, synced file into place, or, if the blob is already stored (dedup), drops it and records the
     * write on the stored file instead; under the digest's lock, so a conditional delete runs wholly before (and
     * this moves the file in afresh) or wholly after (and sees the refreshed time).
     */
    private void promote(Path staged, Digest digest) throws IOException {
        Path target = layout.blob(digest);
        ReentrantLock lock = lockFor(digest);
        lock.lock();
        try {
            if (Files.exists(target) && touch(target)) {
                Files.delete(staged);
                return;
            }
            Files.setLastModifiedTime(staged, FileTime.from(clock.instant()));
            FsSync.atomicMove(staged, target);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves the file's modification time strictly forward (to the clock's now, or just past its current value if that is not
     * earlier, e.g. after a clock step); on a file system whose timestamps are coarser than a millisecond it steps
     * by two seconds. False if the file vanished (deleted outside the store).
     */
    private boolean touch(Path target) throws IOException {
        try {
            Instant before = Files.getLastModifiedTime(target).toInstant();
            Instant now = clock.instant();
            Instant next = now.isAfter(before) ? now : before.plusMillis(1);
            Files.setLastModifiedTime(target, FileTime.from(next));
            if (!Files.getLastModifiedTime(target).toInstant().isAfter(before)) {
                Files.setLastModifiedTime(target, FileTime.from(before.plusSeconds(2)));
            }
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private ReentrantLock lockFor(Digest digest) {
        return digestLocks[Math.floorMod(digest.hex().hashCode(), DIGEST_STRIPES)];
    }

    private void removeLeftovers() throws IOException {
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(layout.tmpDir())) {
            for (Path p : stale) {
                FsSync.deleteTree(p);
            }
        }
        try (DirectoryStream<Path> sessions = Files.newDirectoryStream(layout.uploadsDir())) {
            for (Path dir : sessions) {
                // Only directories named like our ids are ours to judge; anything else is left alone.
                if (FsLayout.isUploadId(dir.getFileName().toString()) && !Files.isRegularFile(dir.resolve("data"))) {
                    FsSync.deleteTree(dir);
                }
            }
        }
    }
}
