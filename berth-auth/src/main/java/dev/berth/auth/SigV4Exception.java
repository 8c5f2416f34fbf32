package dev.berth.auth;

import java.util.Objects;

/**
 * A request failed SigV4 authentication. The message is shaped like AWS's for the same failure and is safe to send
 * to the client: it never contains a secret key, a session token or the signature the server computed.
 */
public final class SigV4Exception extends RuntimeException {
    static final String INVALID_TOKEN = "The security token included in the request is invalid.";
    static final String EXPIRED_TOKEN = "The security token included in the request is expired";
    static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature you"
            + " provided. Check your AWS Secret Access Key and signing method. Consult the service documentation"
            + " for details.";
    static final String MISSING_TOKEN = "Request is missing Authentication Token";

    private final SigV4Error error;

    public SigV4Exception(SigV4Error error, String message) {
        super(message, null, false, false);
        this.error = Objects.requireNonNull(error, "error");
    }

    public SigV4Error error() {
        return error;
    }

    static SigV4Exception incomplete(String message) {
        return new SigV4Exception(SigV4Error.INCOMPLETE_SIGNATURE, message);
    }

    static SigV4Exception mismatch(String message) {
        return new SigV4Exception(SigV4Error.SIGNATURE_DOES_NOT_MATCH, message);
    }

    @Override
    public String toString() {
        return "SigV4Exception[" + error.queryCode() + "]: " + getMessage();
    }
}
