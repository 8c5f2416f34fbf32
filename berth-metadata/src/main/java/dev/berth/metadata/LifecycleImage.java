package dev.berth.metadata;

import dev.berth.oci.Digest;
import dev.berth.oci.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the lifecycle engine needs of one manifest in a repository, as the store knows it.
 *
 * @param tags the tags pointing at it, in lexical order; empty when untagged
 * @param lastPulledAt the last recorded pull, or null if never pulled
 * @param parents the indexes in the same repository whose children include it (manifest_children), in digest order
 * @param subject the digest in its {@code subject} field (a referrer), or null
 */
public record LifecycleImage(Digest digest, String mediaType, Instant pushedAt, Instant lastPulledAt, List<Tag> tags,
                             List<Digest> parents, Digest subject) {
    public LifecycleImage {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(pushedAt, "pushedAt");
        tags = List.copyOf(tags);
        parents = List.copyOf(parents);
    }
}
