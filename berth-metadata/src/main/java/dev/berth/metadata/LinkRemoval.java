package dev.berth.metadata;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of {@link MetadataStore#removeUnneededLinks}: the links it removed, and where the next step continues
 * (an opaque cursor), or empty when it reached the last link.
 */
public record LinkRemoval(List<BlobLink> removed, Optional<String> next) {
    public LinkRemoval {
        removed = List.copyOf(removed);
        Objects.requireNonNull(next, "next");
    }
}
