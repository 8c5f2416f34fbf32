package dev.berth.auth;

import dev.berth.iam.Arn;
import dev.berth.iam.Decision;
import dev.berth.iam.Policy;
import dev.berth.iam.PolicyEvaluator;
import dev.berth.iam.RequestContext;
import dev.berth.identity.IamService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The one place access is decided: the caller's identity policies (a role's inline and attached policies) and the
 * resource's policies (repository policy, registry policy), combined by the policy engine. The account's root
 * key may do everything, as in AWS. A role's policies are cached for a few seconds, since one push is dozens of
 * requests. Thread-safe.
 */
public final class Authorizer {
    private static final Duration CACHE_TTL = Duration.ofSeconds(5);

    private final IamService iam;
    private final Clock clock;
    private final ExpiringCache<Arn, List<Policy>> identityPolicies;

    public Authorizer(IamService iam, Clock clock) {
        this.iam = iam;
        this.clock = clock;
        this.identityPolicies = new ExpiringCache<>(CACHE_TTL, clock);
    }

    /**
     * @param resource the resource's ARN, or null for an action without resource-level permissions
     * @param keys extra condition keys (e.g. {@code ecr:ImageTag}); may be empty
     * @param resourcePolicies the resource's policies, already parsed; may be empty
     */
    public Decision authorize(Principal principal, String action, Arn resource, Map<String, List<String>> keys,
            List<Policy> resourcePolicies, String sourceIp) {
        if (principal.isRoot()) {
            return Decision.allowRoot();
        }
        RequestContext.Builder context = RequestContext.builder(principal.caller(), action, clock.instant());
        if (resource != null) {
            context.resource(resource);
        }
        if (sourceIp != null) {
            context.sourceIp(sourceIp);
        }
        keys.forEach(context::key);
        return PolicyEvaluator.evaluate(context.build(), policiesOf(principal.roleArn()), resourcePolicies);
    }

    private List<Policy> policiesOf(Arn roleArn) {
        return identityPolicies.get(roleArn, iam::identityPolicies);
    }
}
