package dev.berth.identity;

import dev.berth.iam.Policy;
import dev.berth.metadata.Role;
import java.util.Objects;

/**
 * What STS needs to decide an assume-role request: the role (id, ARN, maximum session duration) and its trust policy,
 * parsed as a {@link dev.berth.iam.PolicyKind#TRUST} policy named {@value IamService#TRUST_POLICY_NAME}.
 */
public record RoleTrust(Role role, Policy trustPolicy) {
    public RoleTrust {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(trustPolicy, "trustPolicy");
    }
}
