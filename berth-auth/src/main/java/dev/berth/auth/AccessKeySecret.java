package dev.berth.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * The server's side of an access key: what a {@link SecretLookup} returns.
 *
 * @param secretAccessKey the secret the client signs with
 * @param sessionToken the session token issued with temporary credentials, or {@code null} for long-term keys;
 *     when set, a request must carry exactly this token in {@code X-Amz-Security-Token}
 * @param expiresAt when temporary credentials stop working, or {@code null} when they do not expire
 * @param principal opaque to the verifier; handed back in {@link VerifiedRequest#principal()}
 * @param <P> the principal type
 */
public record AccessKeySecret<P>(String secretAccessKey, String sessionToken, Instant expiresAt, P principal) {
    public AccessKeySecret {
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(principal, "principal");
        if (secretAccessKey.isEmpty()) {
            throw new IllegalArgumentException("secretAccessKey is empty");
        }
        if (sessionToken != null && sessionToken.isEmpty()) {
            throw new IllegalArgumentException("sessionToken is empty; use null for long-term keys");
        }
    }

    /** Long-term credentials: no session token, no expiry. */
    public static <P> AccessKeySecret<P> longTerm(String secretAccessKey, P principal) {
        return new AccessKeySecret<>(secretAccessKey, null, null, principal);
    }

    /** Temporary credentials, as STS issues them. */
    public static <P> AccessKeySecret<P> temporary(String secretAccessKey, String sessionToken, Instant expiresAt,
            P principal) {
        return new AccessKeySecret<>(secretAccessKey, Objects.requireNonNull(sessionToken, "sessionToken"),
                Objects.requireNonNull(expiresAt, "expiresAt"), principal);
    }

    /** Never shows the secret or the session token. */
    @Override
    public String toString() {
        return "AccessKeySecret[principal=" + principal + ", temporary=" + (sessionToken != null)
                + ", expiresAt=" + expiresAt + "]";
    }
}
