package dev.berth.identity;

import java.time.Duration;

/** The IAM quotas and ranges the control plane enforces, with AWS's default values (docs/iam-api.md). */
public final class IamLimits {
    /** Audiences per OIDC provider. */
    public static final int CLIENT_IDS_PER_PROVIDER = 100;
    /** Thumbprints per OIDC provider. */
    public static final int THUMBPRINTS_PER_PROVIDER = 5;
    /** Tags per role or provider, and per TagRole / CreateRole request. */
    public static final int TAGS = 50;
    /** A role's trust policy, in characters other than whitespace (AWS's {@code ACLSizePerRole}). */
    public static final int TRUST_POLICY_SIZE = 2048;
    /** All inline policies of one role together, in characters other than whitespace. */
    public static final int INLINE_POLICIES_SIZE_PER_ROLE = 10_240;
    /** Any policy document as sent, whitespace included (the model's {@code policyDocumentType}). */
    public static final int POLICY_DOCUMENT_LENGTH = 131_072;
    public static final Duration MIN_SESSION_DURATION = Duration.ofHours(1);
    public static final Duration MAX_SESSION_DURATION = Duration.ofHours(12);
    /** {@code MaxItems} when a listing request has none. */
    public static final int DEFAULT_MAX_ITEMS = 100;
    public static final int MAX_ITEMS = 1000;

    private IamLimits() {}

    /** The size IAM counts a policy by: its characters other than whitespace. */
    static int policySize(String document) {
        return (int) document.codePoints().filter(c -> !Character.isWhitespace(c)).count();
    }
}
