package dev.berth.cli.registry;

/**
 * A registry operation that failed, with a message meant for the person at the terminal: what went wrong and what
 * to do next. {@link #kind()} lets callers tell the common cases apart without parsing the message.
 */
public final class RegistryException extends RuntimeException {
    /**
     * What went wrong. {@code UNREACHABLE} (no answer, or the request body failed) and {@code TOKEN_EXPIRED} (a
     * cached Bearer token was refused; the next request fetches a new one) are worth retrying.
     */
    public enum Kind { AUTHENTICATION, TOKEN_EXPIRED, DENIED, NOT_FOUND, INVALID, UNREACHABLE, SERVER, OTHER }

    public boolean isRetryable() {
        return kind == Kind.UNREACHABLE || kind == Kind.TOKEN_EXPIRED;
    }

    private final Kind kind;
    private final int status;

    public RegistryException(Kind kind, int status, String message) {
        super(message);
        this.kind = kind;
        this.status = status;
    }

    public RegistryException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = 0;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status that carried the failure, or 0 when there was no response. */
    public int status() {
        return status;
    }
}
