package dev.berth.auth;

/**
 * Why a web identity token was refused, with the STS wire code and HTTP status of each (spec section 4.1; the
 * {@code Exception} suffix of {@code ExpiredTokenException} is part of the STS code).
 */
public enum WebIdentityError {
    /** Malformed token, refused algorithm, bad signature, unknown issuer, wrong audience, not yet valid. */
    INVALID_IDENTITY_TOKEN("InvalidIdentityToken", 400),
    /** The token's {@code exp} has passed (beyond the leeway). */
    EXPIRED_TOKEN("ExpiredTokenException", 400),
    /** The issuer's discovery document or JWKS could not be fetched or read; SDKs retry this one. */
    IDP_COMMUNICATION_ERROR("IDPCommunicationError", 400);

    private final String code;
    private final int httpStatus;

    WebIdentityError(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** The {@code <Code>} of the STS {@code ErrorResponse}. */
    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
