package dev.berth.iam;

import java.util.Objects;
import java.util.Optional;

/**
 * Who is making a request, as the policy engine sees it: the principal a statement's {@code Principal} is compared
 * with, and the source of the {@code aws:Principal*} condition keys. Built by the authentication layer from verified
 * credentials only. Immutable.
 *
 * <ul>
 *   <li>{@link Kind#ROOT}, {@link Kind#USER}, {@link Kind#ROLE}: an IAM identity named by its ARN.
 *   <li>{@link Kind#ASSUMED_ROLE}: a role session {@code arn:aws:sts::<acct>:assumed-role/<role>/<session>}; it also
 *       carries the role's own ARN (with its path), which a resource policy may name instead of the session.
 *   <li>{@link Kind#WEB_IDENTITY}: the bearer of an OIDC token, before it becomes a session; its id is the IAM OIDC
 *       provider ARN (or an IdP name such as {@code accounts.google.com}), matched by {@code Principal.Federated}.
 *   <li>{@link Kind#SERVICE}: an AWS-style service principal such as {@code replication.ecr.amazonaws.com}.
 *   <li>{@link Kind#ANONYMOUS}: no credentials; matched only by {@code "*"}.
 * </ul>
 */
public final class Caller {
    /** The kinds of principal; the names follow {@code aws:PrincipalType} where AWS defines one. */
    public enum Kind { ROOT, USER, ROLE, ASSUMED_ROLE, WEB_IDENTITY, SERVICE, ANONYMOUS }

    private static final Caller ANONYMOUS = new Caller(Kind.ANONYMOUS, "anonymous", null, null);

    private final Kind kind;
    private final String id;
    private final Arn arn;
    private final Arn roleArn;

    private Caller(Kind kind, String id, Arn arn, Arn roleArn) {
        this.kind = kind;
        this.id = id;
        this.arn = arn;
        this.roleArn = roleArn;
    }

    /**
     * An IAM identity from its ARN: {@code iam::<acct>:root}, {@code iam::<acct>:user/...},
     * {@code iam::<acct>:role/...} or {@code sts::<acct>:assumed-role/<role>/<session>} (the role ARN is then taken
     * to have path {@code /}; use {@link #assumedRole} when it has another). Throws {@link IllegalArgumentException}
     * for any other ARN.
     */
    public static Caller of(Arn arn) {
        Objects.requireNonNull(arn, "arn");
        String type = arn.resourceType();
        if (arn.service().equals("iam") && arn.resource().equals("root")) {
            return new Caller(Kind.ROOT, arn.toString(), arn, null);
        }
        boolean named = !arn.resourceId().isEmpty() && !arn.resourceId().endsWith("/");
        if (arn.service().equals("iam") && type.equals("user") && named) {
            return new Caller(Kind.USER, arn.toString(), arn, null);
        }
        if (arn.service().equals("iam") && type.equals("role") && named) {
            return new Caller(Kind.ROLE, arn.toString(), arn, null);
        }
        if (arn.service().equals("sts") && type.equals("assumed-role")) {
            String[] roleAndSession = arn.resourceId().split("/", -1);
            if (roleAndSession.length == 2 && !roleAndSession[0].isEmpty() && !roleAndSession[1].isEmpty()) {
                Arn role = new Arn(arn.partition(), "iam", "", arn.account(), "role/" + roleAndSession[0]);
                return new Caller(Kind.ASSUMED_ROLE, arn.toString(), arn, role);
            }
        }
        throw new IllegalArgumentException("not an IAM principal ARN: " + arn);
    }

    /** A role session, with the ARN of the role it was assumed from (which may include a path). */
    public static Caller assumedRole(Arn sessionArn, Arn roleArn) {
        Caller session = of(sessionArn);
        String roleName = sessionArn.resourceId().split("/", -1)[0];
        if (session.kind != Kind.ASSUMED_ROLE || of(roleArn).kind != Kind.ROLE
                || !roleArn.account().equals(sessionArn.account()) || !roleArn.resource().endsWith("/" + roleName)) {
            throw new IllegalArgumentException(sessionArn + " is not a session of " + roleArn);
        }
        return new Caller(Kind.ASSUMED_ROLE, sessionArn.toString(), sessionArn, roleArn);
    }

    /** The bearer of a web identity token issued through {@code provider} (OIDC provider ARN or IdP name). */
    public static Caller webIdentity(String provider) {
        if (provider.isBlank()) {
            throw new IllegalArgumentException("provider must not be blank");
        }
        return new Caller(Kind.WEB_IDENTITY, provider, Arn.isArn(provider) ? Arn.parse(provider) : null, null);
    }

    /** A service principal such as {@code replication.ecr.amazonaws.com}. */
    public static Caller service(String name) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("service name must not be blank");
        }
        return new Caller(Kind.SERVICE, name, null, null);
    }

    /** A request without credentials. */
    public static Caller anonymous() {
        return ANONYMOUS;
    }

    public Kind kind() {
        return kind;
    }

    /** The ARN for IAM identities and sessions, the provider for web identities, the service name, or "anonymous". */
    public String id() {
        return id;
    }

    /** The caller's ARN: present for IAM identities and sessions, and for web identities from an IAM provider. */
    public Optional<Arn> arn() {
        return Optional.ofNullable(arn);
    }

    /** For a role session, the ARN of its role; otherwise empty. */
    public Optional<Arn> roleArn() {
        return Optional.ofNullable(roleArn);
    }

    /** The account the caller belongs to; empty for services, anonymous callers and IdP names. */
    public Optional<String> account() {
        return arn().map(Arn::account).filter(a -> !a.isEmpty());
    }

    /** The ARN {@code aws:PrincipalArn} reports: the role for a session, otherwise the caller's own ARN. */
    public Optional<Arn> principalArn() {
        return kind == Kind.WEB_IDENTITY ? Optional.empty() : roleArn().or(this::arn);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Caller c && c.kind == kind && c.id.equals(id) && Objects.equals(c.roleArn, roleArn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, id, roleArn);
    }

    @Override
    public String toString() {
        return kind + " " + id;
    }
}
