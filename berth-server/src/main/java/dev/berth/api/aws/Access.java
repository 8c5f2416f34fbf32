package dev.berth.api.aws;

import dev.berth.auth.Authorizer;
import dev.berth.auth.Principal;
import dev.berth.iam.Arn;
import dev.berth.iam.Decision;
import dev.berth.iam.Policy;
import java.util.List;
import java.util.Map;

/** Enforces the authorizer's decision for an AWS API call, refusing in the calling protocol's terms. */
public final class Access {
    private Access() {}

    /**
     * @param deniedCode the protocol's name for a refusal ({@code AccessDenied} in IAM/STS,
     *     {@code AccessDeniedException} in ECR)
     */
    public static void require(Authorizer authorizer, Principal caller, String action, Arn resource,
            Map<String, List<String>> keys, List<Policy> resourcePolicies, String sourceIp, String deniedCode) {
        Decision d = authorizer.authorize(caller, action, resource, keys, resourcePolicies, sourceIp);
        if (!d.allowed()) {
            throw new AwsApiException(deniedCode, deniedCode.endsWith("Exception") ? 400 : 403,
                    "User: " + caller.arn() + " is not authorized to perform: " + action + " on resource: "
                            + (resource == null ? "*" : resource.toString())
                            + (d.outcome() == Decision.Outcome.EXPLICIT_DENY ? " with an explicit deny"
                            : " because no identity-based policy allows the " + action + " action"));
        }
    }
}
