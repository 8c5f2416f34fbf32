package dev.berth.registry.scan;

/**
 * An image the scanner cannot read. {@code unsupported} images (a layer type it does not read) end as
 * UNSUPPORTED_IMAGE, others (corrupt layers) as FAILED; the message becomes the scan status's description.
 */
public final class UnscannableImageException extends Exception {
    private final boolean unsupported;

    public UnscannableImageException(boolean unsupported, String message, Throwable cause) {
        super(message, cause);
        this.unsupported = unsupported;
    }

    public boolean unsupported() {
        return unsupported;
    }
}
