package dev.berth.metadata;

import dev.berth.oci.Digest;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An image (a manifest stored in a repository) as ECR's DescribeImages reports it: its tags and size besides the
 * manifest's facts, and its usage facts.
 *
 * @param tags the tags pointing at it, in lexical order; empty for an untagged image
 * @param sizeInBytes the bytes it occupies as ECR counts them: for an image manifest the sum of the sizes of the
 *                    blobs it references (config and layers), for an index the largest of its children's sizes
 * @param lastPulledAt when a pull was last recorded, or null if never
 * @param pullCount how many pulls have been recorded
 */
public record ImageSummary(RepositoryName repository, Digest digest, String mediaType, String artifactType,
                           long manifestSize, Instant pushedAt, List<Tag> tags, long sizeInBytes,
                           Instant lastPulledAt, long pullCount) {
    public ImageSummary {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(pushedAt, "pushedAt");
        tags = List.copyOf(tags);
    }

    public Optional<Instant> lastPull() {
        return Optional.ofNullable(lastPulledAt);
    }

    public Optional<String> artifactTypeIfAny() {
        return Optional.ofNullable(artifactType);
    }
}
