package dev.berth.auth;

import java.util.Objects;

/**
 * A web identity token was refused. The message is meant for the STS client and names the problem without echoing
 * more of the token than its issuer; for {@link WebIdentityError#IDP_COMMUNICATION_ERROR} the network detail is in
 * the cause (for the server's log), not in the message.
 */
public final class WebIdentityException extends RuntimeException {
    private final WebIdentityError error;

    public WebIdentityException(WebIdentityError error, String message) {
        this(error, message, null);
    }

    public WebIdentityException(WebIdentityError error, String message, Throwable cause) {
        super(message, cause);
        this.error = Objects.requireNonNull(error, "error");
    }

    public WebIdentityError error() {
        return error;
    }

    static WebIdentityException invalid(String message) {
        return new WebIdentityException(WebIdentityError.INVALID_IDENTITY_TOKEN, message);
    }

    @Override
    public String toString() {
        return "WebIdentityException[" + error.code() + "]: " + getMessage();
    }
}
