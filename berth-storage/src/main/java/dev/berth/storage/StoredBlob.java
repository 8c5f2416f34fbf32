package dev.berth.storage;

import dev.berth.oci.Digest;
import java.time.Instant;
import java.util.Objects;

/**
 * A blob as a {@link BlobStore} lists it.
 *
 * @param lastWritten when the blob was last stored: its first put, or a later put of the same digest (which
 *     refreshes it). Garbage collection measures a blob's age from here and hands it back to
 *     {@link BlobStore#deleteIfNotWrittenSince} so that a put after its decision wins.
 */
public record StoredBlob(Digest digest, long size, Instant lastWritten) {
    public StoredBlob {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(lastWritten, "lastWritten");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
    }
}
