package dev.berth.api.distribution;

import dev.berth.api.http.ByteRange;
import dev.berth.api.http.Exchange;
import dev.berth.api.http.ExactLengthInputStream;
import dev.berth.oci.Digest;
import dev.berth.oci.RepositoryName;
import dev.berth.registry.BlobService;
import dev.berth.registry.RegistryError;
import dev.berth.registry.RegistryException;
import dev.berth.registry.UploadState;
import dev.berth.storage.BlobReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Blob and upload endpoints (spec end-2, end-3, end-4a/b, end-5, end-6, end-10, end-11, end-13). */
final class BlobEndpoints {
    private final BlobService blobs;

    BlobEndpoints(BlobService blobs) {
        this.blobs = blobs;
    }

    void head(Exchange ex, RepositoryName repo, Digest digest) throws IOException {
        long size = blobs.stat(repo, digest).orElseThrow(() -> new RegistryException(RegistryError.BLOB_UNKNOWN,
                "blob unknown to registry", digest.toString()));
        blobHeaders(ex, digest);
        ex.header("Content-Length", Long.toString(size));
        ex.status(200);
        ex.finish(null);
    }

    void get(Exchange ex, RepositoryName repo, Digest digest) throws IOException {
        try (BlobReader reader = blobs.open(repo, digest)) {
            long size = reader.size();
            blobHeaders(ex, digest);
            switch (ByteRange.parse(ex.header("Range"), size)) {
                case ByteRange.Whole whole -> {
                    ex.status(200);
                    ex.header("Content-Length", Long.toString(size));
                    reader.transferTo(0, size, ex::write);
                }
                case ByteRange.Partial(ByteRange range) -> {
                    ex.status(206);
                    ex.header("Content-Length", Long.toString(range.length()));
                    ex.header("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + size);
                    reader.transferTo(range.first(), range.length(), ex::write);
                }
                case ByteRange.Unsatisfiable none -> {
                    ex.header("Content-Range", "bytes */" + size);
                    ex.send(416);
                    return;
                }
            }
            ex.finish(null);
        }
    }

    void delete(Exchange ex, RepositoryName repo, Digest digest) throws IOException {
        blobs.delete(repo, digest);
        ex.send(202);
    }

    /**
     * POST: a monolithic upload ({@code ?digest=}), a mount ({@code ?mount=&from=}), or a new session.
     *
     * @param mountAllowed whether the caller may read the mount's source; if not, a mount becomes an upload
     */
    void start(Exchange ex, RepositoryName repo, boolean mountAllowed) throws IOException {
        String mount = ex.query("mount");
        if (mount != null && mountAllowed) {
            Digest digest = Digest.parse(mount);
            String from = ex.query("from");
            Optional<Long> mounted = blobs.mount(repo, digest, from == null ? null : RepositoryName.parse(from));
            if (mounted.isPresent()) {
                created(ex, repo, digest);
                return;
            }
        } else if (ex.query("digest") != null) {
            Digest digest = Digest.parse(ex.query("digest"));
            blobs.putMonolithic(repo, digest, body(ex, null));
            created(ex, repo, digest);
            return;
        }
        accepted(ex, blobs.startUpload(repo));
    }

    void status(Exchange ex, RepositoryName repo, String uploadId) throws IOException {
        UploadState state = blobs.status(repo, uploadId);
        uploadHeaders(ex, state);
        ex.send(204);
    }

    void patch(Exchange ex, RepositoryName repo, String uploadId) throws IOException {
        ByteRange range = declaredRange(ex);
        UploadState state = blobs.append(repo, uploadId, range == null ? null : range.first(), body(ex, range));
        accepted(ex, state);
    }

    void complete(Exchange ex, RepositoryName repo, String uploadId) throws IOException {
        String digestParam = ex.query("digest");
        if (digestParam == null) {
            throw new RegistryException(RegistryError.DIGEST_INVALID, "the digest query parameter is required");
        }
        Digest digest = Digest.parse(digestParam);
        ByteRange range = declaredRange(ex);
        blobs.complete(repo, uploadId, range == null ? null : range.first(), digest, body(ex, range));
        created(ex, repo, digest);
    }

    void cancel(Exchange ex, RepositoryName repo, String uploadId) throws IOException {
        blobs.cancel(repo, uploadId);
        ex.send(204);
    }

    /** The chunk's declared range; its length must agree with Content-Length when both are sent. */
    private static ByteRange declaredRange(Exchange ex) {
        String header = ex.header("Content-Range");
        if (header == null) {
            return null;
        }
        ByteRange range = ByteRange.parseUploadRange(header).orElseThrow(() -> new RegistryException(
                RegistryError.BLOB_UPLOAD_INVALID, "malformed Content-Range: expected <start>-<end>"));
        long length = ex.contentLength();
        if (length >= 0 && length != range.length()) {
            throw new RegistryException(RegistryError.SIZE_INVALID,
                    "Content-Length " + length + " does not match Content-Range " + header);
        }
        return range;
    }

    private static InputStream body(Exchange ex, ByteRange range) {
        return range == null ? ex.body() : new ExactLengthInputStream(ex.body(), range.length());
    }

    private static void blobHeaders(Exchange ex, Digest digest) {
        ex.header("Docker-Content-Digest", digest.toString());
        ex.header("Content-Type", "application/octet-stream");
        ex.header("Accept-Ranges", "bytes");
        ex.header("ETag", "\"" + digest + "\"");
        ex.header("Cache-Control", "max-age=31536000");
    }

    private static void created(Exchange ex, RepositoryName repo, Digest digest) throws IOException {
        ex.header("Location", "/v2/" + repo + "/blobs/" + digest);
        ex.header("Docker-Content-Digest", digest.toString());
        ex.send(201);
    }

    private static void accepted(Exchange ex, UploadState state) throws IOException {
        uploadHeaders(ex, state);
        ex.send(202);
    }

    static void uploadHeaders(Exchange ex, UploadState state) {
        ex.header("Location", "/v2/" + state.repository() + "/blobs/uploads/" + state.id());
        ex.header("Range", "0-" + Math.max(0, state.size() - 1));
        ex.header("Docker-Upload-UUID", state.id());
    }
}
