package dev.berth.registry.gc;

import java.time.Duration;
import java.time.Instant;

/**
 * What one collection did.
 *
 * @param blobsDeleted     blobs (layers, configs, manifest bytes) whose bytes were deleted
 * @param bytesFreed       their total size
 * @param linksRemoved     blob links that no manifest of their repository needed
 * @param uploadsExpired   abandoned upload sessions discarded (store sessions and metadata rows)
 * @param uploadBytesFreed bytes those sessions held
 * @param holdsPurged      stale holds left by pushes that crashed
 * @param blobsKept        blobs older than the grace period that were still referenced, or written again while
 *                         the collection decided
 */
public record GcReport(Instant startedAt, Instant finishedAt, long blobsDeleted, long bytesFreed, long linksRemoved,
                       long uploadsExpired, long uploadBytesFreed, long holdsPurged, long blobsKept) {

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }

    /** The figures as a JSON object (the job's result and the audit event's detail). */
    public String toJson() {
        return "{\"startedAt\":\"" + startedAt + "\",\"finishedAt\":\"" + finishedAt + "\",\"blobsDeleted\":"
                + blobsDeleted + ",\"bytesFreed\":" + bytesFreed + ",\"linksRemoved\":" + linksRemoved
                + ",\"uploadsExpired\":" + uploadsExpired + ",\"uploadBytesFreed\":" + uploadBytesFreed
                + ",\"holdsPurged\":" + holdsPurged + ",\"blobsKept\":" + blobsKept + "}";
    }
}
