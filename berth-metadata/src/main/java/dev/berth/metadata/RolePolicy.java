package dev.berth.metadata;

import java.util.Objects;

/**
 * An inline policy of a role: the role's name (as created), the policy name and the document text exactly as the
 * client sent it. Policy names are case-sensitive: {@code Push} and {@code push} are two policies.
 */
public record RolePolicy(String roleName, String policyName, String document) {
    public RolePolicy {
        Objects.requireNonNull(roleName, "roleName");
        Objects.requireNonNull(policyName, "policyName");
        Objects.requireNonNull(document, "document");
    }
}
