package dev.berth.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durability steps the file system store needs: a rename only survives a crash once the file's data and the
 * directory entry are both synced, and a new directory only once its parent is synced. Stateless.
 */
final class FsSync {
    private static final Logger LOG = LoggerFactory.getLogger(FsSync.class);
    private static volatile boolean dirSyncWarned;

    private FsSync() {}

    /**
     * Moves {@code source} to {@code target} with one {@code rename(2)} (same file system; replaces a target that
     * appeared meanwhile, which for content-addressed files has the same bytes) and syncs the target directory.
     * {@code source} must already be synced.
     */
    static void atomicMove(Path source, Path target) throws IOException {
        createDirectories(target.getParent());
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(target.getParent());
    }

    /** Creates {@code dir} and any missing ancestors, syncing the parent of each directory it creates. */
    static void createDirectories(Path dir) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = dir; p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        while (!missing.isEmpty()) {
            Path p = missing.pop();
            try {
                Files.createDirectory(p);
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(p)) {
                    throw e;
                }
                continue; // another thread made it; it syncs the parent
            }
            if (p.getParent() != null) {
                syncDirectory(p.getParent());
            }
        }
    }

    /**
     * Syncs a directory so that entries created, renamed or removed in it survive a crash. Some platforms cannot
     * open a directory (Windows) or refuse to sync one (some network file systems); there it is skipped, with one
     * warning, because nothing better can be done.
     */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
            if (!dirSyncWarned) {
                dirSyncWarned = true;
                LOG.warn("cannot sync directory {} ({}); renames may not survive a crash on this platform", dir, e);
            }
        }
    }

    /** Deletes a file or a directory tree if present; used for upload sessions and stale temp files. */
    static void deleteTree(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> children;
            try (var listing = Files.list(path)) {
                children = listing.toList();
            }
            for (Path child : children) {
                deleteTree(child);
            }
        }
        Files.deleteIfExists(path);
    }
}
