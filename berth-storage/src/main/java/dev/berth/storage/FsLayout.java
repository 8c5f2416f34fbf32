package dev.berth.storage;

import dev.berth.oci.Digest;
import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The one place that maps blobs and upload sessions to paths under the store's root (see {@code docs/storage.md}):
 * <pre>
 *   root/blobs/&lt;alg&gt;/&lt;first 2 hex&gt;/&lt;hex&gt;   a complete, verified, immutable blob
 *   root/uploads/&lt;id&gt;/data                 bytes received so far by an upload session
 *   root/tmp/                              in-flight monolithic puts; emptied on start
 * </pre>
 * Upload ids come from URLs, so {@link #uploadDir} accepts nothing but the store's own id format (a lower-case
 * random UUID): no other string can reach the file system, which rules out path traversal. Immutable.
 */
final class FsLayout {
    /** {@code UUID.randomUUID().toString()}: version 4, RFC 4122 variant, lower case. */
    private static final Pattern UPLOAD_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    private final Path root;

    FsLayout(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    Path blobsDir() {
        return root.resolve("blobs");
    }

    Path uploadsDir() {
        return root.resolve("uploads");
    }

    Path tmpDir() {
        return root.resolve("tmp");
    }

    /** A fresh, unique name in {@code tmp/} for a monolithic put (random, so concurrent puts never collide). */
    Path newTempFile() {
        return tmpDir().resolve(UUID.randomUUID() + ".tmp");
    }

    /** Where the blob lives; the two-character shard keeps directories small (as distribution does). */
    Path blob(Digest digest) {
        String hex = digest.hex();
        return blobsDir().resolve(digest.algorithm().prefix()).resolve(hex.substring(0, 2)).resolve(hex);
    }

    /**
     * The session's directory.
     *
     * @throws UploadNotFoundException if {@code uploadId} is not an id this store could have made
     */
    Path uploadDir(String uploadId) throws UploadNotFoundException {
        if (!isUploadId(uploadId)) {
            throw new UploadNotFoundException("no upload " + abbreviate(uploadId));
        }
        return uploadsDir().resolve(uploadId);
    }

    /** The session's data file; same validation as {@link #uploadDir}. */
    Path uploadData(String uploadId) throws UploadNotFoundException {
        return uploadDir(uploadId).resolve("data");
    }

    static boolean isUploadId(String uploadId) {
        Objects.requireNonNull(uploadId, "uploadId");
        return UPLOAD_ID.matcher(uploadId).matches();
    }

    /** Ids are attacker-controlled; keep exception messages short. */
    private static String abbreviate(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }
}
