package dev.berth.metadata;

import dev.berth.oci.Digest;
import dev.berth.oci.RepositoryName;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An image's latest scan as stored.
 *
 * @param description   why it stands where it stands, in words for ECR's {@code imageScanStatus.description}
 * @param requestedAt   when the latest scan was asked for (push or StartImageScan)
 * @param completedAt   when it ended (COMPLETE, FAILED or UNSUPPORTED_IMAGE)
 * @param inventory     the packages found (JSON), once a scan has completed; kept across rescans until replaced
 * @param findings      the findings of {@code inventory} at {@code dbRevision} (JSON)
 * @param dbRevision    the vulnerability database revision the findings were matched at (0: never matched)
 * @param dbUpdatedAt   when that revision was imported
 */
public record ImageScan(RepositoryName repository, Digest digest, ScanState state, String description,
                        Instant requestedAt, Optional<Instant> completedAt, Optional<String> inventory,
                        Optional<String> findings, long dbRevision, Optional<Instant> dbUpdatedAt) {
    public ImageScan {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }
}
