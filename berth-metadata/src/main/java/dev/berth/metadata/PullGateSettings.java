package dev.berth.metadata;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A repository's pull gate as stored (a Berth extension to ECR).
 *
 * @param minSeverity  findings at or above this severity (ECR's severity name) refuse a pull; empty: no limit
 * @param requireScan  whether an image without a completed scan is refused
 * @param allowedIds   advisory ids (CVE, GHSA, OSV ids) whose findings never count
 */
public record PullGateSettings(Optional<String> minSeverity, boolean requireScan, List<String> allowedIds,
                               Instant updatedAt) {
    public PullGateSettings {
        Objects.requireNonNull(minSeverity, "minSeverity");
        allowedIds = List.copyOf(allowedIds);
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
