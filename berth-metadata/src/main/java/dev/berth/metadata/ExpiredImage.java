package dev.berth.metadata;

import dev.berth.oci.Digest;
import dev.berth.oci.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An image a lifecycle run expired that can still be restored: invisible to every read path of the registry until
 * then, deleted for good after {@code restoreUntil}.
 *
 * @param tags    the tags it had when it expired (restored with it where still free)
 * @param subject for a referrer, the image it refers to
 * @param detail  the audit detail of its expiry (JSON)
 */
public record ExpiredImage(Digest digest, String mediaType, long size, Instant pushedAt, List<Tag> tags,
                           Optional<Digest> subject, Instant expiredAt, Instant restoreUntil, long runId,
                           String detail) {
    public ExpiredImage {
        Objects.requireNonNull(digest, "digest");
        tags = List.copyOf(tags);
        Objects.requireNonNull(subject, "subject");
    }
}
