package dev.berth.registry;

/** A chunk that does not continue the upload; carries the upload's current state for the 416 response. */
public class RangeNotSatisfiableException extends RegistryException {
    private final UploadState current;

    public RangeNotSatisfiableException(UploadState current, String message) {
        super(RegistryError.RANGE_INVALID, message);
        this.current = current;
    }

    public UploadState current() {
        return current;
    }
}
