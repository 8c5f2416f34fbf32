package dev.berth.server;

import dev.berth.registry.scan.InventoryScanner;
import dev.berth.registry.scan.SbomWriter;
import dev.berth.registry.scan.UnscannableImageException;
import dev.berth.registry.scan.VulnerabilityMatcher;
import java.util.List;
import java.util.Optional;

/**
 * What the scan service is wired to: the scanner that reads layers, the vulnerability database that matches, and the
 * SBOM writer.
 */
record ScanningPorts(InventoryScanner scanner, VulnerabilityMatcher matcher, SbomWriter sbomWriter) {

    /**
     * Interim wiring until berth-scan's ImageScanner and berth-vulndb's database land on main: every scan ends
     * FAILED saying so, and the database is empty. Replaced by the real ports when they land.
     */
    static ScanningPorts unavailable() {
        return new ScanningPorts(layers -> {
            throw new UnscannableImageException(false, "This Berth build has no image scanner.", null);
        }, new VulnerabilityMatcher() {
            @Override
            public Revision revision() {
                return new Revision(0, Optional.empty());
            }

            @Override
            public List<dev.berth.vulndb.Finding> match(dev.berth.scan.Inventory inventory) {
                return List.of();
            }
        }, (inventory, repository, tag, image) -> "{}".getBytes());
    }
}
