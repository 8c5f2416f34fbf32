package dev.berth.registry.gc;

import java.time.Duration;
import java.util.Objects;

/**
 * How garbage collection judges age (docs/gc.md).
 *
 * @param grace        how long an unreferenced blob, or a blob link no manifest needs, is kept after it was last
 *                     written or linked: the time a client has between pushing blobs and pushing the manifest
 *                     that uses them ({@code BERTH_GC_GRACE})
 * @param uploadExpiry how long an upload session may sit without receiving bytes before it is discarded
 *                     ({@code BERTH_UPLOAD_EXPIRY})
 */
public record GcSettings(Duration grace, Duration uploadExpiry) {
    public static final Duration DEFAULT_GRACE = Duration.ofHours(24);
    public static final Duration DEFAULT_UPLOAD_EXPIRY = Duration.ofHours(24);
    /**
     * A hold lives as long as one request's final step; one older than this (and than the upload expiry) was
     * left by a crash.
     */
    static final Duration MIN_HOLD_LIFETIME = Duration.ofHours(1);

    public GcSettings {
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(uploadExpiry, "uploadExpiry");
        if (grace.isNegative() || uploadExpiry.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    public static GcSettings defaults() {
        return new GcSettings(DEFAULT_GRACE, DEFAULT_UPLOAD_EXPIRY);
    }

    /** Holds older than this are purged: the upload expiry, but never less than an hour. */
    Duration holdLifetime() {
        return uploadExpiry.compareTo(MIN_HOLD_LIFETIME) > 0 ? uploadExpiry : MIN_HOLD_LIFETIME;
    }
}
