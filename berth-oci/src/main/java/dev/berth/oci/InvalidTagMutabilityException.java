package dev.berth.oci;

/**
 * A tag mutability setting that cannot be: an unknown mode, a malformed exclusion filter, or filters given with a
 * mode that takes none (or missing from one that needs them). The message names the problem precisely and is safe
 * to show the client (ECR: {@code InvalidParameterException}).
 */
public class InvalidTagMutabilityException extends IllegalArgumentException {

    public InvalidTagMutabilityException(String message) {
        super(message);
    }
}
