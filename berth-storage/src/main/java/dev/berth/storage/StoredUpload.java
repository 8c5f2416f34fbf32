package dev.berth.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * An upload session as a {@link BlobStore} lists it.
 *
 * @param lastActivity when the session was created or last received bytes; expiry is measured from here
 */
public record StoredUpload(String id, long size, Instant lastActivity) {
    public StoredUpload {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(lastActivity, "lastActivity");
    }
}
