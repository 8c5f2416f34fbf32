package dev.berth.metadata;

import dev.berth.oci.Digest;
import dev.berth.oci.Tag;
import java.util.Objects;
import java.util.Optional;

/** One entry of an image listing: an image's digest with one of its tags, or with none if it is untagged. */
public record ImageId(Digest digest, Tag tag) {
    public ImageId {
        Objects.requireNonNull(digest, "digest");
    }

    public Optional<Tag> tagIfAny() {
        return Optional.ofNullable(tag);
    }
}
