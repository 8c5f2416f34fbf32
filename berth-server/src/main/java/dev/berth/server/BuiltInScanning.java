package dev.berth.server;

import dev.berth.metadata.VulnerabilityDbStatus;
import dev.berth.registry.scan.ImageLayer;
import dev.berth.registry.scan.InventoryScanner;
import dev.berth.registry.scan.SbomWriter;
import dev.berth.registry.scan.UnscannableImageException;
import dev.berth.registry.scan.VulnerabilityMatcher;
import dev.berth.scan.ImageScanner;
import dev.berth.scan.Inventory;
import dev.berth.scan.LayerSource;
import dev.berth.scan.ScanException;
import dev.berth.scan.sbom.CycloneDxWriter;
import dev.berth.scan.sbom.SbomSubject;
import dev.berth.vulndb.Finding;
import dev.berth.vulndb.VulnerabilityDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The scan service's ports wired to Berth's own scanner (berth-scan's {@link ImageScanner} and
 * {@link CycloneDxWriter}) and vulnerability database (berth-vulndb's {@link VulnerabilityDatabase}).
 */
final class BuiltInScanning {
    static final String TOOL_VERSION = "0.1.0";

    private BuiltInScanning() {}

    /** @param tempDirectory where the scanner spools package databases that need a file (rpm's sqlite) */
    static InventoryScanner scanner(Path tempDirectory) {
        ImageScanner scanner = new ImageScanner(tempDirectory);
        return layers -> {
            try {
                return scanner.scan(layers.stream().map(BuiltInScanning::source).toList());
            } catch (ScanException e) {
                throw new UnscannableImageException(e.reason() == ScanException.Reason.UNSUPPORTED, e.getMessage(),
                        e);
            }
        };
    }

    private static LayerSource source(ImageLayer layer) {
        return new LayerSource(layer.mediaType(), layer.digest().toString(), layer.opener()::open);
    }

    static VulnerabilityMatcher matcher(VulnerabilityDatabase database) {
        return new VulnerabilityMatcher() {
            /** The last revision seen with its import time: the full status (counts per ecosystem) once per import. */
            private volatile Revision last = new Revision(0, java.util.Optional.empty());

            @Override
            public Revision revision() {
                long number = database.revision();
                Revision seen = last;
                if (seen.number() == number) {
                    return seen;
                }
                VulnerabilityDbStatus status = database.status();
                seen = new Revision(status.revision(), status.revision() == 0 ? java.util.Optional.empty()
                        : status.importedAt());
                last = seen;
                return seen;
            }

            @Override
            public List<Finding> match(Inventory inventory) {
                return database.index().match(inventory);
            }
        };
    }

    static SbomWriter sbomWriter(Clock clock) {
        CycloneDxWriter writer = new CycloneDxWriter(clock, UUID::randomUUID, TOOL_VERSION);
        return (inventory, repository, tag, image) -> writer.write(inventory, new SbomSubject(repository, tag, image));
    }
}
