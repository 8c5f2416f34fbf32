package dev.berth.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * The server's side of an access key: what a {@link SecretLookup} returns.
 *
 * @param secretAccessKey the secret the client signs with
 * @param sessionTokenSha256 the lower-case hex SHA-256 of the session token issued with temporary credentials
 *     (the server never keeps the token itself), or {@code null} for long-term keys; when set, a request must carry
 *     the token that hashes to it in {@code X-Amz-Security-Token}
 * @param expiresAt when temporary credentials stop working, or {@code null} when they do not expire
 * @param principal opaque to the verifier; handed back in {@link VerifiedRequest#principal()}
 * @param <P> the principal type
 */
public record AccessKeySecret<P>(String secretAccessKey, String sessionTokenSha256, Instant expiresAt, P principal) {
    public AccessKeySecret {
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(principal, "principal");
        if (secretAccessKey.isEmpty()) {
            throw new IllegalArgumentException("secretAccessKey is empty");
        }
        if (sessionTokenSha256 != null && !sessionTokenSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sessionTokenSha256 must be 64 lower-case hex digits");
        }
    }

    /** Long-term credentials: no session token, no expiry. */
    public static <P> AccessKeySecret<P> longTerm(String secretAccessKey, P principal) {
        return new AccessKeySecret<>(secretAccessKey, null, null, principal);
    }

    /** Temporary credentials, as STS issues them, given the session token itself. */
    public static <P> AccessKeySecret<P> temporary(String secretAccessKey, String sessionToken, Instant expiresAt,
            P principal) {
        return temporaryHashed(secretAccessKey, Crypto.sha256Hex(Objects.requireNonNull(sessionToken, "sessionToken")),
                expiresAt, principal);
    }

    /** Temporary credentials as stored: only the SHA-256 of the session token is known. */
    public static <P> AccessKeySecret<P> temporaryHashed(String secretAccessKey, String sessionTokenSha256,
            Instant expiresAt, P principal) {
        return new AccessKeySecret<>(secretAccessKey, Objects.requireNonNull(sessionTokenSha256, "sessionTokenSha256"),
                Objects.requireNonNull(expiresAt, "expiresAt"), principal);
    }

    /** Never shows the secret or the session token. */
    @Override
    public String toString() {
        return "AccessKeySecret[principal=" + principal + ", temporary=" + (sessionTokenSha256 != null)
                + ", expiresAt=" + expiresAt + "]";
    }
}
