package dev.berth.identity;

import dev.berth.iam.Arn;
import dev.berth.iam.ManagedPolicies;
import dev.berth.iam.ManagedPolicy;
import dev.berth.iam.Policy;
import dev.berth.iam.PolicyKind;
import dev.berth.metadata.IamStore;
import dev.berth.metadata.RolePolicies;
import dev.berth.metadata.RolePolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * The inline and attached role policy operations of {@link IamService} (spec §4.5), and the read the authorizer
 * makes of a role's policies; see there for the contract.
 */
final class RolePolicyOperations {
    private final IamStore store;
    private final Roles roles;

    RolePolicyOperations(IamStore store, Roles roles) {
        this.store = store;
        this.roles = roles;
    }

    void put(String roleName, String policyName, String policyDocument) {
        String role = Inputs.roleName(roleName);
        String name = Inputs.policyName(policyName);
        String document = Inputs.document("policyDocument", policyDocument);
        Roles.parse(PolicyKind.IDENTITY, name, document);
        RolePolicies current = store.findRoleWithPolicies(role).orElseThrow(() -> Roles.notFound(role));
        int size = IamLimits.policySize(document) + current.inline().stream()
                .filter(p -> !p.policyName().equals(name))
                .mapToInt(p -> IamLimits.policySize(p.document())).sum();
        if (size > IamLimits.INLINE_POLICIES_SIZE_PER_ROLE) {
            throw new IamException(IamError.LIMIT_EXCEEDED, "Maximum policy size of "
                    + IamLimits.INLINE_POLICIES_SIZE_PER_ROLE + " bytes exceeded for role " + current.role().name());
        }
        if (!store.putRolePolicy(role, name, document)) {
            throw Roles.notFound(role);
        }
    }

    RolePolicy get(String roleName, String policyName) {
        String role = Inputs.roleName(roleName);
        String name = Inputs.policyName(policyName);
        return store.findRolePolicy(role, name).orElseThrow(() -> missingPolicy(role, name));
    }

    void delete(String roleName, String policyName) {
        String role = Inputs.roleName(roleName);
        String name = Inputs.policyName(policyName);
        if (!store.deleteRolePolicy(role, name)) {
            throw missingPolicy(role, name);
        }
    }

    Page<String> list(String roleName, String marker, Integer maxItems) {
        String role = roles.get(roleName).name();
        String after = Inputs.marker(marker);
        int max = Inputs.maxItems(maxItems);
        List<String> names = store.listRolePolicyNames(role, after, max + 1);
        return names.size() <= max ? new Page<>(names, null) : new Page<>(names.subList(0, max), names.get(max - 1));
    }

    void attach(String roleName, String policyArn) {
        String role = Inputs.roleName(roleName);
        ManagedPolicy policy = managed(Inputs.arn("policyArn", policyArn));
        if (!store.attachRolePolicy(role, policy.arn())) {
            throw Roles.notFound(role);
        }
    }

    void detach(String roleName, String policyArn) {
        String role = Inputs.roleName(roleName);
        Arn arn = Inputs.arn("policyArn", policyArn);
        if (!store.detachRolePolicy(role, arn)) {
            store.findRole(role).orElseThrow(() -> Roles.notFound(role));
            throw new IamException(IamError.NO_SUCH_ENTITY, "Policy " + arn + " was not found.");
        }
    }

    Page<ManagedPolicy> listAttached(String roleName, String pathPrefix, String marker, Integer maxItems) {
        String role = roles.get(roleName).name();
        String prefix = pathPrefix == null ? "/" : Inputs.text("pathPrefix", pathPrefix, 1, 512, Inputs.POLICY_PATH);
        String after = Inputs.marker(marker);
        int max = Inputs.maxItems(maxItems);
        List<ManagedPolicy> attached = store.attachedRolePolicies(role).stream()
                .map(RolePolicyOperations::managedOrFail)
                .filter(p -> p.path().startsWith(prefix))
                .toList();
        return Pages.byOffset(attached, after, max);
    }

    /** All policies of the role, parsed: inline ones named by policy name, managed ones by ARN. */
    List<Policy> identityPolicies(Arn roleArn) {
        return roles.nameOf(roleArn)
                .flatMap(store::findRoleWithPolicies)
                .filter(p -> p.role().arn().equals(roleArn))
                .map(RolePolicyOperations::parsed)
                .orElse(List.of());
    }

    private static List<Policy> parsed(RolePolicies policies) {
        List<Policy> result = new ArrayList<>(policies.inline().size() + policies.attached().size());
        for (RolePolicy inline : policies.inline()) {
            // Stored documents were parsed when they were put; failing here (fail closed) means the parser has
            // become stricter since, and the policy must be fixed rather than silently skipped.
            result.add(Policy.parse(PolicyKind.IDENTITY, inline.policyName(), inline.document()));
        }
        policies.attached().forEach(arn -> result.add(managedOrFail(arn).policy()));
        return List.copyOf(result);
    }

    private static ManagedPolicy managed(Arn arn) {
        return ManagedPolicies.byArn(arn).orElseThrow(() -> new IamException(IamError.NO_SUCH_ENTITY,
                "Policy " + arn + " does not exist or is not attachable."));
    }

    /** An attached ARN Berth no longer ships is a broken invariant: fail rather than drop the grant silently. */
    private static ManagedPolicy managedOrFail(Arn arn) {
        return ManagedPolicies.byArn(arn).orElseThrow(() -> new IllegalStateException(
                "attached managed policy " + arn + " is not one Berth ships"));
    }

    private IamException missingPolicy(String role, String policyName) {
        store.findRole(role).orElseThrow(() -> Roles.notFound(role));
        return new IamException(IamError.NO_SUCH_ENTITY,
                "The role policy with name " + policyName + " cannot be found.");
    }
}
