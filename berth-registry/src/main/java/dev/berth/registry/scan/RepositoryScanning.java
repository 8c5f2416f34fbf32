package dev.berth.registry.scan;

import java.util.List;

/**
 * What applies to one repository (ECR's {@code RepositoryScanningConfiguration}).
 *
 * @param frequency      the effective frequency
 * @param scanOnPush     whether a push is scanned (frequency SCAN_ON_PUSH or CONTINUOUS_SCAN)
 * @param appliedFilters the registry rule's filter that decided it, empty when the repository's own setting did
 */
public record RepositoryScanning(ScanFrequency frequency, boolean scanOnPush, List<String> appliedFilters) {
    public RepositoryScanning {
        appliedFilters = List.copyOf(appliedFilters);
    }
}
