package dev.berth.registry.scan;

/** A scan that cannot be asked for; the edge answers with the protocol's error for {@link #reason}. */
public final class ScanRequestException extends RuntimeException {

    public enum Reason {
        /** No such image in the repository. */
        IMAGE_NOT_FOUND,
        /** An artifact that is not an image (an SBOM, a signature): nothing to scan. */
        UNSUPPORTED_IMAGE_TYPE,
        /** The image was scanned (or asked to be) less than a day ago: ECR's quota of one basic scan a day. */
        LIMIT_EXCEEDED
    }

    private final Reason reason;

    public ScanRequestException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
