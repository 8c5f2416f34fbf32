package dev.berth.auth;

/**
 * Why a request's SigV4 authentication failed, with the wire code and HTTP status of each AWS protocol: the Query
 * protocol of STS and IAM (spec section 1.3) and the JSON 1.1 protocol of ECR (section 1.2). The mapping follows
 * the table in spec section 1.4; clients act on the code (SDKs refresh credentials on {@code ExpiredToken}, for
 * instance), so the codes are exactly AWS's.
 */
public enum SigV4Error {
    /** No {@code Authorization} header and no {@code X-Amz-Algorithm} query parameter. */
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationToken", 403, "MissingAuthenticationTokenException", 403),
    /** Authentication present but malformed or incomplete (missing parts, bad date format, bad algorithm). */
    INCOMPLETE_SIGNATURE("IncompleteSignature", 400, "IncompleteSignatureException", 400),
    /** Unknown access key id, or a session token that is missing, unexpected or wrong. */
    INVALID_CLIENT_TOKEN_ID("InvalidClientTokenId", 403, "UnrecognizedClientException", 400),
    /**
     * The signature does not match, the credential scope is wrong (service, terminator, date), or the request time
     * is outside the allowed skew or a presigned URL has expired ("Signature expired: ...", as AWS reports it).
     */
    SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403, "InvalidSignatureException", 400),
    /** The temporary credentials the request was signed with have expired. */
    EXPIRED_TOKEN("ExpiredToken", 403, "ExpiredTokenException", 400);

    private final String queryCode;
    private final int queryStatus;
    private final String jsonCode;
    private final int jsonStatus;

    SigV4Error(String queryCode, int queryStatus, String jsonCode, int jsonStatus) {
        this.queryCode = queryCode;
        this.queryStatus = queryStatus;
        this.jsonCode = jsonCode;
        this.jsonStatus = jsonStatus;
    }

    /** The {@code <Code>} of an STS/IAM {@code ErrorResponse}. */
    public String queryCode() {
        return queryCode;
    }

    /** The HTTP status of an STS/IAM error response. */
    public int queryStatus() {
        return queryStatus;
    }

    /** The {@code __type} of an ECR JSON 1.1 error. */
    public String jsonCode() {
        return jsonCode;
    }

    /** The HTTP status of an ECR JSON 1.1 error response. */
    public int jsonStatus() {
        return jsonStatus;
    }
}
