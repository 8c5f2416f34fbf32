package dev.berth.registry;

import dev.berth.metadata.MetadataStore;
import dev.berth.metadata.UploadRecord;
import dev.berth.oci.Digest;
import dev.berth.oci.RepositoryName;
import dev.berth.storage.BlobNotFoundException;
import dev.berth.storage.BlobReader;
import dev.berth.storage.BlobStore;
import dev.berth.storage.DigestMismatchException;
import dev.berth.storage.UploadNotFoundException;
import dev.berth.storage.UploadOffsetMismatchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;

/**
 * The rules of blobs in repositories: a blob is served from a repository only if it was pushed or mounted there;
 * uploads are write-verify-commit (bytes hashed while streaming, moved into place, then linked).
 * Thread-safe.
 */
public final class BlobService {
    private final BlobStore blobs;
    private final MetadataStore metadata;
    private final RepositoryGate gate;
    private final Clock clock;
    private volatile PullGuard guard = PullGuard.NONE;

    public BlobService(BlobStore blobs, MetadataStore metadata, RepositoryGate gate, Clock clock) {
        this.blobs = blobs;
        this.metadata = metadata;
        this.gate = gate;
        this.clock = clock;
    }

    /** Installs the guard of blob pulls (set once, by the server's wiring, before requests are served). */
    public void guard(PullGuard pullGuard) {
        this.guard = java.util.Objects.requireNonNull(pullGuard, "pullGuard");
    }

    /** Refuses (DENIED) a pull of the blob that the {@link PullGuard} does not allow. */
    public void checkPull(RepositoryName repository, Digest digest) {
        guard.checkBlob(repository, digest);
    }

    /** The blob's size if it is visible in the repository and its bytes are present. */
    public Optional<Long> stat(RepositoryName repository, Digest digest) {
        Optional<Long> linked = metadata.linkedBlobSize(repository, digest);
        if (linked.isEmpty()) {
            return Optional.empty();
        }
        return blobs.size(digest);
    }

    /** Opens a blob visible in the repository for a puller (the {@link PullGuard} decides); BLOB_UNKNOWN otherwise. */
    public BlobReader open(RepositoryName repository, Digest digest) {
        if (metadata.linkedBlobSize(repository, digest).isEmpty()) {
            throw blobUnknown(digest);
        }
        guard.checkBlob(repository, digest);
        try {
            return blobs.open(digest);
        } catch (BlobNotFoundException e) {
            throw blobUnknown(digest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Removes the blob from the repository. The bytes stay while another repository links them; unreferenced
     * bytes are reclaimed by garbage collection, never here (a concurrent push may be about to link them).
     */
    public void delete(RepositoryName repository, Digest digest) {
        if (!metadata.unlinkBlob(repository, digest)) {
            throw blobUnknown(digest);
        }
    }

    /** Stores and links a blob sent in one request ({@code POST ?digest=}). Returns its size. */
    public long putMonolithic(RepositoryName repository, Digest digest, InputStream content) {
        gate.checkPush(repository);
        try {
            long size = blobs.put(digest, content);
            metadata.linkBlob(repository, digest, size, clock.instant());
            return size;
        } catch (DigestMismatchException e) {
            throw digestInvalid(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Links a blob of another repository into this one without moving bytes. Empty when it cannot (the source is
     * unknown or lacks the blob): the caller then starts an ordinary upload, as the spec asks.
     */
    public Optional<Long> mount(RepositoryName repository, Digest digest, RepositoryName from) {
        gate.checkPush(repository);
        Optional<Long> size = from == null ? Optional.empty() : stat(from, digest);
        size.ifPresent(s -> metadata.linkBlob(repository, digest, s, clock.instant()));
        return size;
    }

    public UploadState startUpload(RepositoryName repository) {
        gate.checkPush(repository);
        try {
            String id = blobs.createUpload();
            metadata.createUpload(new UploadRecord(id, repository, clock.instant()));
            return new UploadState(repository, id, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public UploadState status(RepositoryName repository, String uploadId) {
        requireUpload(repository, uploadId);
        try {
            return new UploadState(repository, uploadId, blobs.uploadedSize(uploadId));
        } catch (UploadNotFoundException e) {
            throw uploadUnknown(uploadId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Appends a chunk. {@code start} is the first byte's offset from {@code Content-Range}, or null for a
     * streamed chunk that continues wherever the upload is.
     */
    public UploadState append(RepositoryName repository, String uploadId, Long start, InputStream chunk) {
        UploadState current = status(repository, uploadId);
        long offset = start == null ? current.size() : start;
        if (offset != current.size()) {
            throw new RangeNotSatisfiableException(current,
                    "chunk starts at " + offset + " but the upload has " + current.size() + " bytes");
        }
        try {
            return new UploadState(repository, uploadId, blobs.append(uploadId, offset, chunk));
        } catch (UploadOffsetMismatchException e) {
            throw new RangeNotSatisfiableException(new UploadState(repository, uploadId, e.currentSize()),
                    e.getMessage());
        } catch (UploadNotFoundException e) {
            throw uploadUnknown(uploadId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Finishes an upload with its last bytes (possibly none), verifies the digest and links the blob. */
    public long complete(RepositoryName repository, String uploadId, Long start, Digest digest, InputStream rest) {
        UploadState current = status(repository, uploadId);
        if (start != null && start != current.size()) {
            throw new RangeNotSatisfiableException(current,
                    "chunk starts at " + start + " but the upload has " + current.size() + " bytes");
        }
        try {
            long size = blobs.complete(uploadId, digest, rest);
            metadata.linkBlob(repository, digest, size, clock.instant());
            return size;
        } catch (DigestMismatchException e) {
            throw digestInvalid(e);
        } catch (UploadNotFoundException e) {
            throw uploadUnknown(uploadId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            metadata.deleteUpload(uploadId);
        }
    }

    public void cancel(RepositoryName repository, String uploadId) {
        requireUpload(repository, uploadId);
        try {
            blobs.abortUpload(uploadId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            metadata.deleteUpload(uploadId);
        }
    }

    private void requireUpload(RepositoryName repository, String uploadId) {
        Optional<UploadRecord> upload = metadata.findUpload(uploadId);
        if (upload.isEmpty() || !upload.get().repository().equals(repository)) {
            throw uploadUnknown(uploadId);
        }
    }

    private static RegistryException blobUnknown(Digest digest) {
        return new RegistryException(RegistryError.BLOB_UNKNOWN, "blob unknown to registry", digest.toString());
    }

    private static RegistryException uploadUnknown(String id) {
        return new RegistryException(RegistryError.BLOB_UPLOAD_UNKNOWN, "blob upload unknown to registry", id);
    }

    private static RegistryException digestInvalid(DigestMismatchException e) {
        return new RegistryException(RegistryError.DIGEST_INVALID, e.getMessage(), e.expected().toString());
    }
}
