package dev.berth.auth;

import dev.berth.iam.Arn;
import dev.berth.iam.Caller;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An authenticated caller: the account's root key, or an STS role session. Built only from verified credentials.
 *
 * @param arn {@code arn:aws:iam::<acct>:root} or {@code arn:aws:sts::<acct>:assumed-role/<role>/<session>}
 * @param userId what GetCallerIdentity reports: the account id for root, {@code <RoleId>:<session>} for a session
 * @param accessKeyId the key the caller signed with (registry passwords are bound to it)
 * @param roleArn the assumed role, or null for root
 * @param claims the web identity claims behind a session (for audit), empty for root
 * @param expiresAt when the credentials stop working, or null when they do not expire
 */
public record Principal(Arn arn, String userId, String accessKeyId, Arn roleArn, Map<String, String> claims,
                        Instant expiresAt) {
    public Principal {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        claims = claims == null ? Map.of() : Map.copyOf(claims);
    }

    public static Principal root(String accountId, String accessKeyId) {
        return new Principal(Arn.accountRoot("aws", accountId), accountId, accessKeyId, null, Map.of(), null);
    }

    public boolean isRoot() {
        return roleArn == null;
    }

    public String account() {
        return arn.account();
    }

    public Optional<Instant> expiry() {
        return Optional.ofNullable(expiresAt);
    }

    /** The principal as the policy engine sees it. */
    public Caller caller() {
        return isRoot() ? Caller.of(arn) : Caller.assumedRole(arn, roleArn);
    }

    @Override
    public String toString() {
        return arn.toString();
    }
}
