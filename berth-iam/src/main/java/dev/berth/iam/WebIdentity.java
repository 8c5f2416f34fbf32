package dev.berth.iam;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the request context of an {@code sts:AssumeRoleWithWebIdentity} call from an already verified OIDC token,
 * with the condition keys AWS offers trust policies: {@code <provider>:aud}, {@code <provider>:sub} and one key per
 * other claim ({@code <provider>:repository}, {@code :ref}, {@code :environment}, {@code :job_workflow_ref},
 * {@code :actor}...), plus {@code aws:FederatedProvider}. {@code <provider>} is the issuer URL without
 * {@code https://} and without a trailing slash, e.g. {@code token.actions.githubusercontent.com}; claim names keep
 * their case (keys compare case-insensitively anyway).
 *
 * <p>Claim values that are strings, numbers or booleans become one value ({@code "true"}/{@code "false"} for
 * booleans); lists of them become a multi-valued key (a token with {@code aud: [a, b]} matches
 * {@code StringEquals :aud a}); objects and nulls are skipped. The signature, issuer, audience and expiry checks are
 * the caller's job, done before this.
 */
public final class WebIdentity {
    private WebIdentity() {}

    /**
     * @param providerArn the IAM OIDC provider the token's issuer is registered as
     * @param issuer the token's {@code iss} ({@code https://token.actions.githubusercontent.com})
     * @param claims the token's verified claims
     * @param roleArn the role being assumed (the request's resource)
     * @param time the request time
     * @return a builder, so the caller can add {@code sts:RoleSessionName}, the source address and so on
     */
    public static RequestContext.Builder assumeRoleContext(
            Arn providerArn, String issuer, Map<String, ?> claims, Arn roleArn, Instant time) {
        Objects.requireNonNull(claims, "claims");
        String prefix = keyPrefix(issuer);
        RequestContext.Builder b = RequestContext
                .builder(Caller.webIdentity(providerArn.toString()), "sts:AssumeRoleWithWebIdentity", time)
                .resource(roleArn)
                .key(ConditionKeys.FEDERATED_PROVIDER, providerArn.toString());
        claims.forEach((name, value) -> {
            List<String> values = values(value);
            if (!values.isEmpty() && !name.isBlank()) {
                b.key(prefix + ":" + name, values);
            }
        });
        return b;
    }

    /** The condition key prefix of an issuer: its URL without the {@code https://} scheme or a trailing slash. */
    public static String keyPrefix(String issuer) {
        String s = issuer.startsWith("https://") ? issuer.substring("https://".length())
                : issuer.startsWith("http://") ? issuer.substring("http://".length()) : issuer;
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("issuer has no host: " + issuer);
        }
        return s;
    }

    private static List<String> values(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return List.of(value.toString());
        }
        if (value instanceof Collection<?> items) {
            List<String> out = new ArrayList<>();
            for (Object item : items) {
                if (item instanceof String || item instanceof Number || item instanceof Boolean) {
                    out.add(item.toString());
                }
            }
            return out;
        }
        return List.of();
    }
}
