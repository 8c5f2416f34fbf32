package dev.berth.storage;

import dev.berth.oci.DigestAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The upload sessions of one {@link FsBlobStore}: their data files on disk and, in memory, each session's lock,
 * size and incremental SHA-256 state (so completing a sha256 upload does not re-read it).
 *
 * <p>The files are the truth; the memory is a cache. A session unknown to memory (after a restart) is rebuilt
 * from its file by rehashing it. Every call on a session runs under that session's lock, so concurrent calls on
 * one session are serialised while different sessions proceed in parallel. Assumes it is the only process
 * writing under the root's {@code uploads/}.
 */
final class UploadSessions {

    /** One session's cached state; all fields are guarded by {@code lock}. */
    static final class Session {
        private final ReentrantLock lock = new ReentrantLock();
        /** SHA-256 of the bytes in the data file; null when not known (not loaded yet, or a rollback failed). */
        private MessageDigest sha256;
        private long size;
        /** Set once the session is finished or aborted; a caller that waited for the lock must look it up again. */
        private boolean gone;

        long size() {
            return size;
        }

        /** The SHA-256 of everything appended; consumes the state, so only for a session about to finish. */
        byte[] finishSha256() {
            byte[] hash = sha256.digest();
            sha256 = null;
            return hash;
        }
    }

    /** Work done on a session while holding its lock. */
    @FunctionalInterface
    interface Action<T> {
        T apply(Session session, Path data) throws IOException;
    }

    private final FsLayout layout;
    private final Clock clock;
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();

    /** @param clock stamps each session's data file with its last activity (see {@link #touch}) */
    UploadSessions(FsLayout layout, Clock clock) {
        this.layout = layout;
        this.clock = clock;
    }

    /** Creates an empty session durably (its directory and data file are synced) and returns its id. */
    String create() throws IOException {
        String id = UUID.randomUUID().toString();
        Path data = layout.uploadData(id);
        FsSync.createDirectories(data.getParent());
        Files.createFile(data);
        touch(data);
        FsSync.syncDirectory(data.getParent());
        Session session = new Session();
        session.sha256 = DigestAlgorithm.SHA256.newHasher();
        sessions.put(id, session);
        return id;
    }

    /**
     * Runs {@code action} on the session under its lock, loading it from disk first if needed.
     *
     * @throws UploadNotFoundException if the id is malformed or no such session exists
     */
    <T> T withSession(String uploadId, Action<T> action) throws IOException {
        Path data = layout.uploadData(uploadId);
        while (true) {
            Session session = sessions.computeIfAbsent(uploadId, k -> new Session());
            session.lock.lock();
            try {
                if (session.gone) {
                    continue; // finished while we waited; look again (and find nothing)
                }
                if (session.sha256 == null && !load(session, data)) {
                    forget(uploadId, session);
                    throw new UploadNotFoundException("no upload " + uploadId);
                }
                return action.apply(session, data);
            } finally {
                session.lock.unlock();
            }
        }
    }

    /**
     * Appends {@code chunk} at the session's end and syncs it. If the stream or the disk fails midway, the file is
     * truncated back and the previous hash state restored, so the session is as it was before the call.
     * Call within {@link #withSession}.
     */
    long append(Session session, Path data, InputStream chunk) throws IOException {
        long before = session.size;
        MessageDigest saved = cloneOrNull(session.sha256);
        try (FileChannel out = FileChannel.open(data, StandardOpenOption.WRITE)) {
            try {
                out.position(before);
                long n = HashingCopy.copy(chunk, out, session.sha256);
                out.force(true);
                session.size = before + n;
                touch(data);
                return session.size;
            } catch (Throwable t) {
                // Null means "rehash the file on next use": the fallback if there is no saved state or the
                // rollback itself fails (the file may then keep part of the chunk, and the size shows it).
                session.sha256 = null;
                try {
                    out.truncate(before);
                    out.force(true);
                    session.sha256 = saved;
                } catch (IOException rollback) {
                    t.addSuppressed(rollback);
                }
                throw t;
            }
        }
    }

    /**
     * Stamps the data file's modification time with the store's clock: the session's last activity, which expiry
     * compares with that same clock (it may run with an offset, {@code BERTH_CLOCK_OFFSET}). Not synced: after a
     * crash the time may be older, which only makes an abandoned session expire sooner.
     */
    private void touch(Path data) throws IOException {
        Files.setLastModifiedTime(data, FileTime.from(clock.instant()));
    }

    /** Deletes the session's files and forgets it. Call within {@link #withSession}. */
    void discard(String uploadId, Session session, Path data) throws IOException {
        forget(uploadId, session);
        FsSync.deleteTree(data.getParent());
    }

    private void forget(String uploadId, Session session) {
        session.gone = true;
        session.sha256 = null;
        sessions.remove(uploadId, session);
    }

    /** Rebuilds a session from its data file; false if there is none. */
    private static boolean load(Session session, Path data) throws IOException {
        try {
            MessageDigest hasher = HashingCopy.hashFile(data, DigestAlgorithm.SHA256);
            session.size = Files.size(data);
            session.sha256 = hasher;
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static MessageDigest cloneOrNull(MessageDigest hasher) {
        try {
            return (MessageDigest) hasher.clone();
        } catch (CloneNotSupportedException e) {
            return null; // a rollback then rehashes the file instead
        }
    }
}
