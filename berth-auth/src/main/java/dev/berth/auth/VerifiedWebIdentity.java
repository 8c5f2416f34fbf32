package dev.berth.auth;

import dev.berth.iam.Arn;
import dev.berth.iam.RequestContext;
import dev.berth.iam.WebIdentity;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A web identity token that passed every check of {@link OidcTokenVerifier}.
 *
 * @param issuer the token's {@code iss}, exactly as in the token ({@code https://token.actions.githubusercontent.com})
 * @param providerArn the IAM OIDC provider registered for the issuer (STS's {@code Provider} in the response)
 * @param subject the token's {@code sub} (STS's {@code SubjectFromWebIdentityToken})
 * @param audience the token audience that matched one of the provider's client IDs (STS's {@code Audience})
 * @param claims every claim of the token, as JSON values: strings, numbers ({@code exp}, {@code iat}, {@code nbf} as
 *     epoch seconds), booleans, lists and maps; unmodifiable
 */
public record VerifiedWebIdentity(String issuer, Arn providerArn, String subject, String audience,
        Map<String, Object> claims) {
    public VerifiedWebIdentity {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(providerArn, "providerArn");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(audience, "audience");
        claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    }

    /**
     * The request context of {@code sts:AssumeRoleWithWebIdentity} on {@code roleArn} for the trust policy, with
     * {@code <provider>:aud}, {@code <provider>:sub}, one key per other claim and {@code aws:FederatedProvider}
     * (see {@link WebIdentity#assumeRoleContext}); the caller adds {@code sts:RoleSessionName} and the like.
     */
    public RequestContext.Builder assumeRoleContext(Arn roleArn, Instant time) {
        return WebIdentity.assumeRoleContext(providerArn, issuer, claims, roleArn, time);
    }

    /** The token's {@code exp}. */
    public Instant expiresAt() {
        return Instant.ofEpochSecond(((Number) claims.get("exp")).longValue());
    }
}
