package dev.berth.iam;

import java.util.Locale;

/**
 * Names of the condition keys Berth fills in. Condition key names are case-insensitive; {@link #normalize} is the one
 * place that decides how they compare.
 */
public final class ConditionKeys {
    /** Request time, ISO-8601 ({@code 2026-01-01T12:00:00Z}); filled from the request time. */
    public static final String CURRENT_TIME = "aws:CurrentTime";
    /** Request time, seconds since the epoch; filled from the request time. */
    public static final String EPOCH_TIME = "aws:EpochTime";
    /** The client's IP address; filled from the request's source address when there is one. */
    public static final String SOURCE_IP = "aws:SourceIp";
    /** ARN of the caller; for a role session, the role's ARN. */
    public static final String PRINCIPAL_ARN = "aws:PrincipalArn";
    /** Account of the caller. */
    public static final String PRINCIPAL_ACCOUNT = "aws:PrincipalAccount";
    /** {@code Account}, {@code User} or {@code AssumedRole}. */
    public static final String PRINCIPAL_TYPE = "aws:PrincipalType";
    /** The IAM user's name (users only). */
    public static final String USERNAME = "aws:username";
    /** Whether the request came over TLS ({@code true}/{@code false}); filled by the edge. */
    public static final String SECURE_TRANSPORT = "aws:SecureTransport";
    /** The identity provider of a web identity request: the IAM OIDC provider ARN. */
    public static final String FEDERATED_PROVIDER = "aws:FederatedProvider";
    /** The role session name asked for in an AssumeRole* request. */
    public static final String ROLE_SESSION_NAME = "sts:RoleSessionName";
    /**
     * The image tag a push would create or move (Berth extension; ECR has no such key). Absent for pushes by
     * digest, so a policy that allows {@code ecr:PutImage} only with {@code StringLike ecr:ImageTag v*} refuses
     * untagged pushes.
     */
    public static final String ECR_IMAGE_TAG = "ecr:ImageTag";

    private ConditionKeys() {}

    /** The form keys are compared in: lower case, since AWS condition key names are case-insensitive. */
    public static String normalize(String key) {
        return key.toLowerCase(Locale.ROOT);
    }
}
