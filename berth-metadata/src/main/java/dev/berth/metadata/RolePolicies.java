package dev.berth.metadata;

import dev.berth.iam.Arn;
import java.util.List;
import java.util.Objects;

/**
 * A role with everything that grants it permissions: its inline policies (by name) and the ARNs of the managed
 * policies attached to it (by ARN), both sorted. What the authorizer reads for every request of a role session.
 */
public record RolePolicies(Role role, List<RolePolicy> inline, List<Arn> attached) {
    public RolePolicies {
        Objects.requireNonNull(role, "role");
        inline = List.copyOf(inline);
        attached = List.copyOf(attached);
    }
}
