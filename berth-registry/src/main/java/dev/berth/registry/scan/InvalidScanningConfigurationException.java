package dev.berth.registry.scan;

/** A scanning configuration ECR would refuse; the message says which constraint, for InvalidParameterException. */
public final class InvalidScanningConfigurationException extends IllegalArgumentException {
    public InvalidScanningConfigurationException(String message) {
        super(message);
    }
}
