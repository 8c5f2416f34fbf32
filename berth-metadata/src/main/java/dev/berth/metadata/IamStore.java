package dev.berth.metadata;

import dev.berth.iam.Arn;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Where the IAM control plane keeps its state: OIDC providers, roles, their inline and attached policies, STS
 * sessions and server-wide secrets. A store keeps what it is given; IAM's rules (names, limits, policy grammar,
 * error codes) are the IAM service's.
 *
 * <p>Contract, checked by {@code IamStoreContract} against every implementation: each method is one transaction
 * (all or nothing, durable when it returns); thread-safe; the {@code update…} methods are atomic read-modify-writes
 * (concurrent updates of one entity never lose each other's changes); role names are matched regardless of case
 * (see {@link Role#nameKey}); inline policy names, ARNs and URLs are matched exactly. Lists come back sorted: roles by
 * name key, policy names and ARNs in byte order. Instants are kept to the millisecond. Database failures surface as
 * {@link MetadataException}.
 */
public interface IamStore {

    // ---- OIDC providers

    /** Stores a new provider; false (and nothing changed) when one with that ARN or URL exists. */
    boolean createOidcProvider(OidcProvider provider);

    Optional<OidcProvider> findOidcProvider(Arn arn);

    /** The provider registered for an issuer URL without scheme ({@code host[/path]}), matched exactly. */
    Optional<OidcProvider> findOidcProviderByUrl(String url);

    /** All providers, by ARN. */
    List<OidcProvider> listOidcProviders();

    /**
     * Replaces a provider's client ids, thumbprints and tags with those of {@code change(current)}, atomically; empty
     * when there is no such provider. {@code change} may throw to abandon the update (nothing is written and the
     * exception propagates); it must not change the ARN, URL or creation time.
     */
    Optional<OidcProvider> updateOidcProvider(Arn arn, UnaryOperator<OidcProvider> change);

    /** Deletes a provider; returns whether it existed. */
    boolean deleteOidcProvider(Arn arn);

    // ---- roles

    /** Stores a new role; false (and nothing changed) when a role with that name, in any case, exists. */
    boolean createRole(Role role);

    Optional<Role> findRole(String name);

    /**
     * Up to {@code limit} roles whose path starts with {@code pathPrefix} and whose name key is after that of
     * {@code afterName} (exclusive; null = from the start), ordered by name key.
     */
    List<Role> listRoles(String pathPrefix, String afterName, int limit);

    /**
     * Replaces a role's trust policy, description, maximum session duration and tags with those of
     * {@code change(current)}, atomically; empty when there is no such role. {@code change} may throw to abandon the
     * update; it must not change the role's id, name, path, ARN or creation time.
     */
    Optional<Role> updateRole(String name, UnaryOperator<Role> change);

    /** Deletes a role unless it still has inline or attached policies. */
    RoleDeletion deleteRole(String name);

    /** The role with its inline policies and attached policy ARNs. */
    Optional<RolePolicies> findRoleWithPolicies(String name);

    // ---- inline role policies

    /** Creates or replaces an inline policy; false when there is no such role. */
    boolean putRolePolicy(String roleName, String policyName, String document);

    Optional<RolePolicy> findRolePolicy(String roleName, String policyName);

    /** Deletes an inline policy; returns whether it existed (false also when there is no such role). */
    boolean deleteRolePolicy(String roleName, String policyName);

    /** Up to {@code limit} inline policy names of a role after {@code afterPolicyName} (exclusive; null = start). */
    List<String> listRolePolicyNames(String roleName, String afterPolicyName, int limit);

    // ---- attached managed policies

    /** Attaches a managed policy (idempotent); false when there is no such role. */
    boolean attachRolePolicy(String roleName, Arn policyArn);

    /** Detaches a managed policy; returns whether it was attached (false also when there is no such role). */
    boolean detachRolePolicy(String roleName, Arn policyArn);

    /** The ARNs of the managed policies attached to a role (empty also when there is no such role). */
    List<Arn> attachedRolePolicies(String roleName);

    // ---- STS sessions

    /** Stores new temporary credentials; an access key id that is already stored is refused. */
    void saveSession(StsSession session);

    /** The session with this access key id, expired or not (the caller compares {@code expiresAt}). */
    Optional<StsSession> findSession(String accessKeyId);

    /** Deletes the sessions that expired before {@code instant} ({@code expiresAt < instant}); returns how many. */
    int deleteExpiredSessions(Instant instant);

    // ---- server secrets

    /**
     * The secret with this name, created from {@code candidate} if there is none yet. Atomic across threads and
     * across nodes sharing the database: every caller gets the value of whichever creation won. {@code candidate}
     * is called only when the secret seems to be missing, and its value may then still be discarded.
     */
    String serverSecret(String name, Supplier<String> candidate);
}
