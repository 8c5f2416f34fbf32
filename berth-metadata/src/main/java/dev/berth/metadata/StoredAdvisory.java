package dev.berth.metadata;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One advisory of the vulnerability database as stored: its id, OSV {@code modified} time, the ecosystems of its
 * affected packages and the OSV JSON document, kept as imported.
 */
public record StoredAdvisory(String id, Instant modified, List<String> ecosystems, String document) {
    public StoredAdvisory {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(modified, "modified");
        ecosystems = List.copyOf(ecosystems);
        Objects.requireNonNull(document, "document");
        if (ecosystems.stream().anyMatch(e -> e.contains(","))) {
            throw new IllegalArgumentException("an ecosystem name cannot contain a comma: " + ecosystems);
        }
    }
}
