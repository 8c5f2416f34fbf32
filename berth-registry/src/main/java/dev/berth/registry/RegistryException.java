package dev.berth.registry;

/**
 * A refusal the client caused, with its spec error code. The message is safe to show the client; it never
 * carries internal detail.
 */
public class RegistryException extends RuntimeException {
    private final RegistryError error;
    private final transient Object detail;

    public RegistryException(RegistryError error, String message) {
        this(error, message, null);
    }

    public RegistryException(RegistryError error, String message, Object detail) {
        super(message, null, false, false);
        this.error = error;
        this.detail = detail;
    }

    public RegistryError error() {
        return error;
    }

    /** Extra structured detail for the error body (e.g. the unknown digest), or null. */
    public Object detail() {
        return detail;
    }
}
