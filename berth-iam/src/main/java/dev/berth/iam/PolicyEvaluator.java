package dev.berth.iam;

import java.util.List;
import java.util.Optional;

/**
 * AWS's evaluation logic for one account, as a pure function of the request and the policies in play:
 *
 * <ol>
 *   <li>Every statement of every policy is tested against the request ({@link Statement#applies}).
 *   <li>An applicable {@code Deny} anywhere ends it: {@link Decision.Outcome#EXPLICIT_DENY}.
 *   <li>Same account (the caller's account is the resource's, or either has none): allowed when an identity policy
 *       allows <em>or</em> a resource/trust policy allows by naming the caller (its ARN, its role for a session,
 *       {@code "*"}, its provider, its service). A resource statement that names only the caller's <em>account</em>
 *       delegates to the account's identity policies and grants nothing by itself.
 *   <li>Cross-account: allowed only when an identity policy allows <em>and</em> a resource/trust policy allows
 *       (naming the caller or its account).
 *   <li>Otherwise {@link Decision.Outcome#IMPLICIT_DENY}.
 * </ol>
 *
 * Not modelled: permissions boundaries, session policies, SCPs/RCPs, and the root user's implicit full access (the
 * authorizer decides what root may do before asking). Stateless and thread-safe.
 */
public final class PolicyEvaluator {
    private PolicyEvaluator() {}

    /**
     * Evaluates a request against the caller's identity policies and the resource's policies (ECR repository policy,
     * registry policy, or a role's trust policy).
     *
     * @throws IllegalArgumentException when a policy is in the wrong list for its kind
     */
    public static Decision evaluate(
            RequestContext context, List<Policy> identityPolicies, List<Policy> resourcePolicies) {
        StatementRef identityAllow = null;
        StatementRef resourceAllow = null;
        StatementRef delegatedAllow = null;
        for (Policy policy : identityPolicies) {
            require(policy.kind() == PolicyKind.IDENTITY, policy, "identity");
            for (Statement s : policy.statements()) {
                Principals.Match m = s.applies(context);
                if (m == Principals.Match.NONE) {
                    continue;
                }
                if (s.effect() == Effect.DENY) {
                    return Decision.deny(StatementRef.of(policy, s));
                }
                identityAllow = identityAllow != null ? identityAllow : StatementRef.of(policy, s);
            }
        }
        for (Policy policy : resourcePolicies) {
            require(policy.kind() != PolicyKind.IDENTITY, policy, "resource");
            for (Statement s : policy.statements()) {
                Principals.Match m = s.applies(context);
                if (m == Principals.Match.NONE) {
                    continue;
                }
                if (s.effect() == Effect.DENY) {
                    return Decision.deny(StatementRef.of(policy, s));
                }
                if (m == Principals.Match.DIRECT) {
                    resourceAllow = resourceAllow != null ? resourceAllow : StatementRef.of(policy, s);
                } else {
                    delegatedAllow = delegatedAllow != null ? delegatedAllow : StatementRef.of(policy, s);
                }
            }
        }
        if (crossAccount(context)) {
            if (identityAllow != null && (resourceAllow != null || delegatedAllow != null)) {
                return Decision.allow(resourceAllow != null ? resourceAllow : delegatedAllow);
            }
            String missing = identityAllow == null ? "no identity policy" : "no resource policy";
            return Decision.implicitDeny("cross-account " + describe(context) + " needs an allow in both an identity "
                    + "policy and a resource policy; " + missing + " allows it");
        }
        if (identityAllow != null) {
            return Decision.allow(identityAllow);
        }
        if (resourceAllow != null) {
            return Decision.allow(resourceAllow);
        }
        return Decision.implicitDeny("no statement allows " + describe(context));
    }

    /**
     * Evaluates an {@code sts:AssumeRole*} request against a role's trust policy alone, as AWS does for
     * {@code sts:AssumeRoleWithWebIdentity} (the token's bearer has no identity policies). The context's resource
     * should be the role's ARN.
     */
    public static Decision evaluateTrust(RequestContext context, Policy trustPolicy) {
        require(trustPolicy.kind() == PolicyKind.TRUST, trustPolicy, "trust");
        if (!context.action().regionMatches(true, 0, "sts:AssumeRole", 0, "sts:AssumeRole".length())) {
            throw new IllegalArgumentException("a trust policy decides sts:AssumeRole* only, not " + context.action());
        }
        return evaluate(context, List.of(), List.of(trustPolicy));
    }

    private static boolean crossAccount(RequestContext context) {
        Optional<String> caller = context.caller().account();
        Optional<String> owner = context.resource().map(Arn::account).filter(a -> !a.isEmpty());
        return caller.isPresent() && owner.isPresent() && !caller.get().equals(owner.get());
    }

    private static String describe(RequestContext context) {
        return context.action() + " on " + context.resourceText() + " for " + context.caller().id();
    }

    private static void require(boolean ok, Policy policy, String list) {
        if (!ok) {
            throw new IllegalArgumentException(policy.kind() + " policy '" + policy.name() + "' given as a " + list
                    + " policy");
        }
    }
}
