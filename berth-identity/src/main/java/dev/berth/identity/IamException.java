package dev.berth.identity;

import java.util.Objects;

/**
 * An IAM operation was refused: {@link #error} gives the wire code and HTTP status, the message is AWS-like
 * ("The role with name nope cannot be found.") and safe to send to the client as the error's {@code <Message>} (it
 * echoes only what the client sent). Nothing was changed by the refused operation.
 */
public class IamException extends RuntimeException {
    private final IamError error;

    public IamException(IamError error, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.error = Objects.requireNonNull(error, "error");
    }

    public IamError error() {
        return error;
    }

    /** The wire code, e.g. {@code NoSuchEntity}. */
    public String code() {
        return error.code();
    }

    public int httpStatus() {
        return error.httpStatus();
    }
}
