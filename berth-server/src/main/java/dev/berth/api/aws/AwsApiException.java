package dev.berth.api.aws;

/**
 * A refusal in an AWS protocol: the wire error code (e.g. {@code NoSuchEntity}, {@code InvalidIdentityToken},
 * {@code RepositoryNotFoundException}), its HTTP status and a message safe to show the caller.
 */
public class AwsApiException extends RuntimeException {
    private final String code;
    private final int status;

    public AwsApiException(String code, int status, String message) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
    }

    public static AwsApiException validation(String message) {
        return new AwsApiException("ValidationError", 400, message);
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
