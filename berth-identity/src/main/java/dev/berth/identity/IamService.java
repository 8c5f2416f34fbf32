package dev.berth.identity;

import dev.berth.iam.Arn;
import dev.berth.iam.ManagedPolicy;
import dev.berth.iam.Policy;
import dev.berth.iam.PolicyKind;
import dev.berth.metadata.IamStore;
import dev.berth.metadata.IamTag;
import dev.berth.metadata.OidcProvider;
import dev.berth.metadata.Role;
import dev.berth.metadata.RolePolicy;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The IAM control plane of one account: the IAM operations Berth supports (spec §4.4, §4.5; docs/iam-api.md), with
 * AWS's validation, limits, error codes and messages, over an {@link IamStore}; plus the reads the authorizer and STS
 * make. Below the HTTP edge: it takes the request members as decoded from the Query protocol and returns domain
 * records; encoding (XML, URL-encoded policy documents, timestamps) is the edge's job.
 *
 * <p>Conventions: operations are named after their IAM actions. Parameters documented as optional may be null,
 * meaning absent on the wire; a null required parameter is refused like AWS refuses a missing member
 * ({@code ValidationError} "… Member must not be null"). Every refusal is an {@link IamException} whose
 * {@link IamError} carries the wire code and HTTP status; nothing is changed by a refused operation. Role names
 * match regardless of case and keep the case they were created with. Policy documents are validated with berth-iam
 * ({@code Policy.parse}) and stored as the exact text received. Database failures surface as
 * {@link dev.berth.metadata.MetadataException} (the edge's {@code ServiceFailure}). Times come from the clock,
 * truncated to the millisecond. Thread-safe.
 */
public final class IamService {
    /** The name trust policies are parsed under; it labels them in policy decisions. */
    public static final String TRUST_POLICY_NAME = "trust-policy";
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    private final String accountId;
    private final OidcProviders providers;
    private final Roles roles;
    private final RolePolicyOperations policies;

    /**
     * @param store where providers, roles and policies are kept
     * @param accountId the 12-digit account id that ARNs are built with
     * @param clock the source of creation times
     */
    public IamService(IamStore store, String accountId, Clock clock) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        if (!ACCOUNT_ID.matcher(Objects.requireNonNull(accountId, "accountId")).matches()) {
            throw new IllegalArgumentException("an account id is 12 digits: " + accountId);
        }
        this.accountId = accountId;
        this.providers = new OidcProviders(store, accountId, clock);
        this.roles = new Roles(store, accountId, clock);
        this.policies = new RolePolicyOperations(store, roles);
    }

    public String accountId() {
        return accountId;
    }

    // ---- OpenID Connect providers (spec §4.4)

    /**
     * Registers an issuer. {@code url}: {@code https://host[:port][/path]} (plain {@code http://} only for loopback
     * hosts), at most 255 characters, no query or fragment; kept without scheme and trailing slashes, and the ARN is
     * {@code arn:aws:iam::<account>:oidc-provider/<that>}. Optional: {@code clientIds} (audiences, at most 100),
     * {@code thumbprints} (40 hex characters each, at most 5; stored, not used), {@code tags} (at most 50).
     * Duplicates in the lists are dropped. Errors: ValidationError, InvalidInput, LimitExceeded, EntityAlreadyExists.
     */
    public OidcProvider createOpenIDConnectProvider(String url, List<String> clientIds, List<String> thumbprints,
                                                    List<IamTag> tags) {
        return providers.create(url, clientIds, thumbprints, tags);
    }

    /** Errors: InvalidInput (not a provider ARN), NoSuchEntity. */
    public OidcProvider getOpenIDConnectProvider(String providerArn) {
        return providers.get(providerArn);
    }

    /** The ARNs of all providers, sorted (IAM does not paginate this listing). */
    public List<Arn> listOpenIDConnectProviders() {
        return providers.list();
    }

    /** Idempotent, as IAM documents it: deleting a provider that does not exist succeeds. Errors: InvalidInput. */
    public void deleteOpenIDConnectProvider(String providerArn) {
        providers.delete(providerArn);
    }

    /** Idempotent for a client id already there. Errors: ValidationError, InvalidInput, NoSuchEntity, LimitExceeded. */
    public void addClientIDToOpenIDConnectProvider(String providerArn, String clientId) {
        providers.addClientId(providerArn, clientId);
    }

    /** Idempotent for a client id not there. Errors: ValidationError, InvalidInput, NoSuchEntity. */
    public void removeClientIDFromOpenIDConnectProvider(String providerArn, String clientId) {
        providers.removeClientId(providerArn, clientId);
    }

    /** Replaces the thumbprints (an empty list is allowed). Errors as for create, and NoSuchEntity. */
    public void updateOpenIDConnectProviderThumbprint(String providerArn, List<String> thumbprints) {
        providers.updateThumbprints(providerArn, thumbprints);
    }

    // ---- roles (spec §4.5)

    /**
     * Creates a role with a new {@code AROA…} id. The trust policy is parsed as a TRUST policy
     * (MalformedPolicyDocument naming the problem) and may have at most 2048 characters other than whitespace
     * (LimitExceeded). Errors:
     * ValidationError (name, path, lengths, MaxSessionDuration outside 3600..43200, more than 50 tags), InvalidInput
     * (duplicate tag keys), MalformedPolicyDocument, LimitExceeded, EntityAlreadyExists (name taken in any case).
     */
    public Role createRole(CreateRoleRequest request) {
        return roles.create(Objects.requireNonNull(request, "request"));
    }

    /** Errors: ValidationError, NoSuchEntity "The role with name nope cannot be found.". */
    public Role getRole(String roleName) {
        return roles.get(roleName);
    }

    /** Errors: NoSuchEntity, DeleteConflict while inline or attached policies remain. */
    public void deleteRole(String roleName) {
        roles.delete(roleName);
    }

    /**
     * Roles by name (case-insensitive order). Optional: {@code pathPrefix} (default {@code /}), {@code marker} (from
     * the previous page), {@code maxItems} (1..1000, default 100).
     */
    public Page<Role> listRoles(String pathPrefix, String marker, Integer maxItems) {
        return roles.list(pathPrefix, marker, maxItems);
    }

    /** Changes what is given: optional {@code description} (empty clears it), optional {@code maxSessionDuration}. */
    public void updateRole(String roleName, String description, Integer maxSessionDuration) {
        roles.update(roleName, description, maxSessionDuration);
    }

    /** Replaces the trust policy; validated as in {@link #createRole}. */
    public void updateAssumeRolePolicy(String roleName, String policyDocument) {
        roles.updateAssumeRolePolicy(roleName, policyDocument);
    }

    /** Adds tags, replacing the values of keys already there (in any case). LimitExceeded beyond 50 in all. */
    public void tagRole(String roleName, List<IamTag> tags) {
        roles.tag(roleName, tags);
    }

    /** Removes tags by key (in any case); keys that are not there are ignored. */
    public void untagRole(String roleName, List<String> tagKeys) {
        roles.untag(roleName, tagKeys);
    }

    /** The role's tags in the order they were added; optional {@code marker} and {@code maxItems}. */
    public Page<IamTag> listRoleTags(String roleName, String marker, Integer maxItems) {
        return roles.listTags(roleName, marker, maxItems);
    }

    // ---- inline role policies

    /**
     * Creates or replaces an inline policy. The name is 1..128 of {@code [\w+=,.@-]} (case-sensitive); the document
     * is parsed as an IDENTITY policy; all inline policies of the role may have at most 10240 characters other than
     * whitespace together (LimitExceeded). Errors: ValidationError, MalformedPolicyDocument, LimitExceeded,
     * NoSuchEntity.
     */
    public void putRolePolicy(String roleName, String policyName, String policyDocument) {
        policies.put(roleName, policyName, policyDocument);
    }

    /** The policy with its exact document text. NoSuchEntity when the role or the policy is missing. */
    public RolePolicy getRolePolicy(String roleName, String policyName) {
        return policies.get(roleName, policyName);
    }

    /** NoSuchEntity when the role or the policy is missing. */
    public void deleteRolePolicy(String roleName, String policyName) {
        policies.delete(roleName, policyName);
    }

    /** Inline policy names in byte order; optional {@code marker} and {@code maxItems}. */
    public Page<String> listRolePolicies(String roleName, String marker, Integer maxItems) {
        return policies.list(roleName, marker, maxItems);
    }

    // ---- attached managed policies

    /**
     * Attaches one of the AWS managed ECR policies ({@code arn:aws:iam::aws:policy/AmazonEC2ContainerRegistry…});
     * idempotent. Any other ARN: NoSuchEntity "Policy &lt;arn&gt; does not exist or is not attachable."; a malformed
     * one: InvalidInput. NoSuchEntity for a missing role.
     */
    public void attachRolePolicy(String roleName, String policyArn) {
        policies.attach(roleName, policyArn);
    }

    /** NoSuchEntity for a missing role or a policy that is not attached. */
    public void detachRolePolicy(String roleName, String policyArn) {
        policies.detach(roleName, policyArn);
    }

    /**
     * The attached managed policies ({@code AttachedPolicies}: {@code name()}, {@code arn()}), by ARN. Optional:
     * {@code pathPrefix} (policy path, default {@code /}), {@code marker}, {@code maxItems}.
     */
    public Page<ManagedPolicy> listAttachedRolePolicies(String roleName, String pathPrefix, String marker,
                                                        Integer maxItems) {
        return policies.listAttached(roleName, pathPrefix, marker, maxItems);
    }

    // ---- reads for the authorizer and STS

    /**
     * The role a role ARN names: a role of this account whose ARN (path and name) is exactly {@code roleArn}.
     * Empty otherwise, including for a role of another account or a different path.
     */
    public Optional<Role> role(Arn roleArn) {
        return roles.byArn(roleArn);
    }

    /**
     * Every permission policy of a role: its inline policies (named by policy name) and its attached managed policies
     * (named by ARN), parsed, read in two queries. Empty when no role has exactly this ARN (so a deleted role's
     * sessions are implicitly denied). A stored document that no longer parses fails with
     * {@link dev.berth.iam.MalformedPolicyDocumentException} rather than being skipped (fail closed).
     */
    public List<Policy> identityPolicies(Arn roleArn) {
        return policies.identityPolicies(roleArn);
    }

    /**
     * The role and its trust policy, parsed, for {@code sts:AssumeRole*}; empty when no role has exactly this ARN. A
     * stored document that no longer parses fails as in {@link #identityPolicies}.
     */
    public Optional<RoleTrust> trustPolicy(Arn roleArn) {
        return roles.byArn(roleArn).map(r -> new RoleTrust(r,
                Policy.parse(PolicyKind.TRUST, TRUST_POLICY_NAME, r.assumeRolePolicyDocument())));
    }

    /**
     * The provider registered for a token's {@code iss}: {@code https://host/path} matches the provider whose URL is
     * exactly {@code host/path} (trailing slashes ignored); {@code http://} only for loopback hosts. Empty otherwise.
     */
    public Optional<OidcProvider> providerForIssuer(String issuerUrl) {
        return providers.forIssuer(Objects.requireNonNull(issuerUrl, "issuerUrl"));
    }
}
