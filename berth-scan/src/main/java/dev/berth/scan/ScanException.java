package dev.berth.scan;

import java.util.Objects;

/**
 * A scan could not read an image. The message names the layer and says what is wrong with it, in words fit for
 * an ECR {@code imageScanStatus.description}; it never carries file contents.
 */
public final class ScanException extends Exception {

    /** Why the image could not be scanned. */
    public enum Reason {
        /** Berth does not read this kind of layer (ECR's {@code UNSUPPORTED_IMAGE}). */
        UNSUPPORTED,
        /** The layer's bytes are not what its media type says: truncated, corrupt, not a tar (ECR's {@code FAILED}). */
        CORRUPT
    }

    private final Reason reason;

    public ScanException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public ScanException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }
}
