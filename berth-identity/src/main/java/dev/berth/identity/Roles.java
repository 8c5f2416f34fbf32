package dev.berth.identity;

import dev.berth.iam.Arn;
import dev.berth.iam.InvalidArnException;
import dev.berth.iam.MalformedPolicyDocumentException;
import dev.berth.iam.Policy;
import dev.berth.iam.PolicyKind;
import dev.berth.metadata.IamStore;
import dev.berth.metadata.IamTag;
import dev.berth.metadata.Role;
import dev.berth.metadata.RoleDeletion;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The role operations of {@link IamService} (spec §4.5), tags included; see there for the contract. */
final class Roles {
    private final IamStore store;
    private final String accountId;
    private final Clock clock;

    Roles(IamStore store, String accountId, Clock clock) {
        this.store = store;
        this.accountId = accountId;
        this.clock = clock;
    }

    Role create(CreateRoleRequest request) {
        String name = Inputs.roleName(request.roleName());
        String path = request.path() == null ? "/" : Inputs.text("path", request.path(), 1, 512, Inputs.PATH);
        String document = Inputs.document("assumeRolePolicyDocument", request.assumeRolePolicyDocument());
        String description = request.description() == null ? "" : description(request.description());
        Duration maxSession = request.maxSessionDuration() == null ? IamLimits.MIN_SESSION_DURATION
                : maxSessionDuration(request.maxSessionDuration());
        List<IamTag> tags = Tags.validate(request.tags());
        Arn arn = roleArn(path, name);
        trustPolicy(document);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Role role = new Role(IamIds.roleId(), name, path, arn, document, description, maxSession, tags, now);
        if (!store.createRole(role)) {
            throw new IamException(IamError.ENTITY_ALREADY_EXISTS, "Role with name " + name + " already exists.");
        }
        return role;
    }

    Role get(String roleName) {
        String name = Inputs.roleName(roleName);
        return store.findRole(name).orElseThrow(() -> notFound(name));
    }

    void delete(String roleName) {
        String name = Inputs.roleName(roleName);
        RoleDeletion outcome = store.deleteRole(name);
        switch (outcome) {
            case DELETED -> { }
            case NO_SUCH_ROLE -> throw notFound(name);
            case HAS_POLICIES -> throw new IamException(IamError.DELETE_CONFLICT,
                    "Cannot delete entity, must delete policies first.");
        }
    }

    Page<Role> list(String pathPrefix, String marker, Integer maxItems) {
        String prefix = pathPrefix == null ? "/" : Inputs.text("pathPrefix", pathPrefix, 1, 512, Inputs.PATH_PREFIX);
        String after = Inputs.marker(marker);
        int max = Inputs.maxItems(maxItems);
        List<Role> roles = store.listRoles(prefix, after, max + 1);
        return roles.size() <= max ? new Page<>(roles, null)
                : new Page<>(roles.subList(0, max), roles.get(max - 1).name());
    }

    void update(String roleName, String newDescription, Integer newMaxSessionDuration) {
        String name = Inputs.roleName(roleName);
        String description = newDescription == null ? null : description(newDescription);
        Duration maxSession = newMaxSessionDuration == null ? null : maxSessionDuration(newMaxSessionDuration);
        change(name, r -> {
            Role changed = description == null ? r : r.withDescription(description);
            return maxSession == null ? changed : changed.withMaxSessionDuration(maxSession);
        });
    }

    void updateAssumeRolePolicy(String roleName, String policyDocument) {
        String name = Inputs.roleName(roleName);
        String document = Inputs.document("policyDocument", policyDocument);
        trustPolicy(document);
        change(name, r -> r.withAssumeRolePolicyDocument(document));
    }

    void tag(String roleName, List<IamTag> tags) {
        String name = Inputs.roleName(roleName);
        List<IamTag> added = Tags.validate(Inputs.required("tags", tags));
        change(name, r -> r.withTags(Tags.merge(r.tags(), added)));
    }

    void untag(String roleName, List<String> tagKeys) {
        String name = Inputs.roleName(roleName);
        List<String> keys = Tags.validateKeys(tagKeys);
        change(name, r -> r.withTags(Tags.remove(r.tags(), keys)));
    }

    Page<IamTag> listTags(String roleName, String marker, Integer maxItems) {
        Role role = get(roleName);
        return Pages.byOffset(role.tags(), Inputs.marker(marker), Inputs.maxItems(maxItems));
    }

    /** The role an ARN names, if it is a role of this account with exactly that path and name. */
    Optional<Role> byArn(Arn roleArn) {
        return nameOf(roleArn).flatMap(store::findRole).filter(r -> r.arn().equals(roleArn));
    }

    /** The role name in a role ARN of this account ({@code role/<path><name>}), if it is one. */
    Optional<String> nameOf(Arn roleArn) {
        if (!roleArn.service().equals("iam") || !roleArn.account().equals(accountId)
                || !roleArn.resourceType().equals("role") || roleArn.resourceId().isEmpty()) {
            return Optional.empty();
        }
        String id = roleArn.resourceId();
        String name = id.substring(id.lastIndexOf('/') + 1);
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    /** Parses a trust policy, refusing it with MalformedPolicyDocument or LimitExceeded (size). */
    static Policy trustPolicy(String document) {
        Policy policy = parse(PolicyKind.TRUST, IamService.TRUST_POLICY_NAME, document);
        if (IamLimits.policySize(document) > IamLimits.TRUST_POLICY_SIZE) {
            throw new IamException(IamError.LIMIT_EXCEEDED,
                    "Cannot exceed quota for ACLSizePerRole: " + IamLimits.TRUST_POLICY_SIZE);
        }
        return policy;
    }

    static Policy parse(PolicyKind kind, String name, String document) {
        try {
            return Policy.parse(kind, name, document);
        } catch (MalformedPolicyDocumentException e) {
            throw new IamException(IamError.MALFORMED_POLICY_DOCUMENT, e.getMessage());
        }
    }

    static IamException notFound(String roleName) {
        return new IamException(IamError.NO_SUCH_ENTITY, "The role with name " + roleName + " cannot be found.");
    }

    private void change(String name, UnaryOperator<Role> change) {
        if (store.updateRole(name, change).isEmpty()) {
            throw notFound(name);
        }
    }

    private Arn roleArn(String path, String name) {
        try {
            return new Arn("aws", "iam", "", accountId, "role" + path + name);
        } catch (InvalidArnException e) {
            throw new IamException(IamError.INVALID_INPUT, "The path " + path
                    + " cannot be part of a role ARN: Berth refuses '*' and '?' in role paths.");
        }
    }

    private static String description(String description) {
        return Inputs.text("description", description, 0, 1000, Inputs.DESCRIPTION);
    }

    private static Duration maxSessionDuration(int seconds) {
        return Duration.ofSeconds(Inputs.range("maxSessionDuration", seconds,
                (int) IamLimits.MIN_SESSION_DURATION.toSeconds(), (int) IamLimits.MAX_SESSION_DURATION.toSeconds()));
    }
}
