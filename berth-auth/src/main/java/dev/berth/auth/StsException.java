package dev.berth.auth;

/** An STS refusal with its wire code and HTTP status ({@code AccessDenied} 403, {@code ValidationError} 400, ...). */
public class StsException extends RuntimeException {
    private final String code;
    private final int status;

    public StsException(String code, int status, String message) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
