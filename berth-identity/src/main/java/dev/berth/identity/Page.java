package dev.berth.identity;

import java.util.List;
import java.util.Optional;

/**
 * One page of an IAM listing: the items and, when more follow, the {@code Marker} to pass back for the next page
 * (IAM's {@code IsTruncated=true}). {@code marker} is null on the last page. Markers are opaque to clients.
 */
public record Page<T>(List<T> items, String marker) {
    public Page {
        items = List.copyOf(items);
    }

    public boolean isTruncated() {
        return marker != null;
    }

    public Optional<String> nextMarker() {
        return Optional.ofNullable(marker);
    }
}
