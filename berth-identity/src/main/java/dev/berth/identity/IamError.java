package dev.berth.identity;

/**
 * The IAM errors the control plane reports: each with its wire code (the Query protocol's {@code <Code>}, which is the
 * model's {@code error.code}, not the shape name) and its HTTP status, both from the IAM model (spec §4).
 */
public enum IamError {
    /** A role, role policy, OIDC provider or managed policy that does not exist. */
    NO_SUCH_ENTITY("NoSuchEntity", 404),
    /** A role name or provider URL that is taken. */
    ENTITY_ALREADY_EXISTS("EntityAlreadyExists", 409),
    /** A role that still has policies. */
    DELETE_CONFLICT("DeleteConflict", 409),
    /** A value that has the right shape but is not acceptable (a non-https URL, a non-hex thumbprint, a bad ARN). */
    INVALID_INPUT("InvalidInput", 400),
    /** A policy document that is not valid policy grammar for where it is used; the message names the problem. */
    MALFORMED_POLICY_DOCUMENT("MalformedPolicyDocument", 400),
    /** A quota: client ids, thumbprints, tags, policy sizes. */
    LIMIT_EXCEEDED("LimitExceeded", 409),
    /** A value that breaks the model's constraints (missing, too long, out of range, not matching the pattern). */
    VALIDATION_ERROR("ValidationError", 400),
    /** Never thrown by the service: for the edge to report an unexpected failure without echoing its message. */
    SERVICE_FAILURE("ServiceFailure", 500);

    private final String code;
    private final int httpStatus;

    IamError(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** The wire code, e.g. {@code NoSuchEntity}. */
    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The Query protocol's {@code <Type>}: {@code Sender} for 4xx, {@code Receiver} for 5xx. */
    public String faultType() {
        return httpStatus < 500 ? "Sender" : "Receiver";
    }
}
