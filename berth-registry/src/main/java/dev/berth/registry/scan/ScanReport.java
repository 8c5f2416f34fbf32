package dev.berth.registry.scan;

import dev.berth.metadata.ImageScan;
import dev.berth.vulndb.Finding;
import java.util.List;

/**
 * An image's latest scan with its findings, matched at the vulnerability database's current revision (re-matched
 * from the kept inventory when the stored findings were behind). Findings are empty unless the scan is COMPLETE.
 */
public record ScanReport(ImageScan scan, List<Finding> findings) {
    public ScanReport {
        findings = List.copyOf(findings);
    }
}
