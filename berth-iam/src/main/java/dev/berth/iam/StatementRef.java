package dev.berth.iam;

import java.util.Objects;

/**
 * Which statement of which policy decided a request, for audit records and explanations: the policy's name and kind,
 * the statement's position (0-based) and its {@code Sid} (empty when it has none).
 */
public record StatementRef(String policyName, PolicyKind policyKind, int index, String sid) {
    public StatementRef {
        Objects.requireNonNull(policyName, "policyName");
        Objects.requireNonNull(policyKind, "policyKind");
        Objects.requireNonNull(sid, "sid");
    }

    static StatementRef of(Policy policy, Statement statement) {
        return new StatementRef(policy.name(), policy.kind(), statement.index(), statement.sid());
    }

    @Override
    public String toString() {
        String kind = switch (policyKind) {
            case IDENTITY -> "identity policy";
            case TRUST -> "trust policy";
            case RESOURCE -> "resource policy";
        };
        return kind + " '" + policyName + "' statement " + (sid.isEmpty() ? "#" + index : sid);
    }
}
