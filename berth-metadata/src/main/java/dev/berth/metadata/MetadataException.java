package dev.berth.metadata;

/**
 * A metadata store operation failed for a reason the caller cannot fix by changing its arguments: the database
 * is unreachable, busy for longer than its timeout, full, or refused a statement. The store has rolled the
 * operation back; nothing of it is visible. The cause, when there is one, carries the driver's exception.
 */
public class MetadataException extends RuntimeException {

    public MetadataException(String message, Throwable cause) {
        super(message, cause);
    }
}
