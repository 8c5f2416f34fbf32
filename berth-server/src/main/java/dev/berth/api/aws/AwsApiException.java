package dev.berth.api.aws;

import java.util.Map;

/**
 * A refusal in an AWS protocol: the wire error code (e.g. {@code NoSuchEntity}, {@code InvalidIdentityToken},
 * {@code RepositoryNotFoundException}), its HTTP status and a message safe to show the caller.
 */
public class AwsApiException extends RuntimeException {
    private final String code;
    private final int status;
    private final transient Map<String, Object> members;

    public AwsApiException(String code, int status, String message) {
        this(code, status, message, Map.of());
    }

    /** @param members the error shape's members besides the message (AWS JSON only), e.g. ECR's uploadId */
    public AwsApiException(String code, int status, String message, Map<String, Object> members) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
        this.members = Map.copyOf(members);
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

    /** Extra members of the error body, in the JSON protocol; empty for most errors. */
    public Map<String, Object> members() {
        return members;
    }
}
