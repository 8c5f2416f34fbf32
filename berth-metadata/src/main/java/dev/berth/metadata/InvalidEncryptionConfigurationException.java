package dev.berth.metadata;

/** An encryption configuration ECR would refuse; the message is safe to show the client. */
public class InvalidEncryptionConfigurationException extends IllegalArgumentException {

    public InvalidEncryptionConfigurationException(String message) {
        super(message);
    }
}
