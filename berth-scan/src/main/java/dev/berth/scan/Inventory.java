package dev.berth.scan;

import java.util.List;
import java.util.Optional;

/**
 * Everything a scan found in one image (one platform): its distribution, when known, and its packages. It is what
 * is kept per image, so that a new vulnerability database re-matches without reading layers again.
 */
public record Inventory(Optional<OsRelease> os, List<Package> packages) {
    public Inventory {
        packages = List.copyOf(packages);
    }
}
