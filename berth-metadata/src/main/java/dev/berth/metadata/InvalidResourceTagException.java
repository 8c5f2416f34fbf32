package dev.berth.metadata;

/** A resource tag AWS would refuse (ECR: {@code InvalidTagParameterException}); the message is safe to show. */
public class InvalidResourceTagException extends IllegalArgumentException {

    public InvalidResourceTagException(String message) {
        super(message);
    }
}
