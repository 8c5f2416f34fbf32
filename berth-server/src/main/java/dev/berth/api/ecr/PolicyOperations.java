package dev.berth.api.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.aws.AwsJson;
import dev.berth.iam.MalformedPolicyDocumentException;
import dev.berth.iam.Policy;
import dev.berth.iam.PolicyKind;
import dev.berth.oci.RepositoryName;
import java.util.Map;

/**
 * Resource policies (spec §2.3): Set/Get/DeleteRepositoryPolicy, Put/Get/DeleteRegistryPolicy, and DescribeRegistry.
 * A policy is accepted only if the policy engine parses it as a resource policy; it is stored as sent and returned
 * as stored, and decides access on both APIs from the next request on (this node) or within
 * {@link dev.berth.auth.StoredRepositoryPolicies#TTL} (other nodes).
 */
final class PolicyOperations {
    static final int MAX_POLICY_LENGTH = 10240;

    private final EcrContext ctx;

    PolicyOperations(EcrContext ctx) {
        this.ctx = ctx;
    }

    Map<String, EcrOperation> operations() {
        return Map.of("SetRepositoryPolicy", this::setRepositoryPolicy,
                "GetRepositoryPolicy", this::getRepositoryPolicy,
                "DeleteRepositoryPolicy", this::deleteRepositoryPolicy,
                "PutRegistryPolicy", this::putRegistryPolicy,
                "GetRegistryPolicy", this::getRegistryPolicy,
                "DeleteRegistryPolicy", this::deleteRegistryPolicy,
                "DescribeRegistry", this::describeRegistry);
    }

    /** Parses a policy text as the engine would use it; InvalidParameterException naming the problem. */
    static String validPolicy(EcrInput in, String member, String kind) {
        String text = in.string(member, 0, MAX_POLICY_LENGTH)
                .orElseThrow(() -> EcrErrors.validation(member, null, "Member must not be null"));
        try {
            Policy.parse(PolicyKind.RESOURCE, kind + "-policy", text);
        } catch (MalformedPolicyDocumentException e) {
            throw EcrErrors.invalidParameter("Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid "
                    + kind + " policy provided: " + e.getMessage() + "'");
        }
        return text;
    }

    private JsonNode setRepositoryPolicy(EcrCall call) {
        EcrInput in = call.input();
        RepositoryName name = in.repositoryName();
        in.registryId(ctx.accountId());
        String text = validPolicy(in, "policyText", "repository");
        in.bool("force");
        ctx.authorize(call, "SetRepositoryPolicy", name);
        if (!ctx.store().putRepositoryPolicy(name, text, ctx.clock().instant())) {
            throw EcrErrors.repositoryNotFound(name, ctx.accountId());
        }
        ctx.policies().invalidate(name.value());
        return repositoryPolicy(name, text);
    }

    private JsonNode getRepositoryPolicy(EcrCall call) {
        EcrInput in = call.input();
        RepositoryName name = in.repositoryName();
        in.registryId(ctx.accountId());
        ctx.authorize(call, "GetRepositoryPolicy", name);
        ctx.requireRepository(name);
        return repositoryPolicy(name, ctx.store().repositoryPolicy(name)
                .orElseThrow(() -> EcrErrors.repositoryPolicyNotFound(name, ctx.accountId())));
    }

    private JsonNode deleteRepositoryPolicy(EcrCall call) {
        EcrInput in = call.input();
        RepositoryName name = in.repositoryName();
        in.registryId(ctx.accountId());
        ctx.authorize(call, "DeleteRepositoryPolicy", name);
        ctx.requireRepository(name);
        String text = ctx.store().deleteRepositoryPolicy(name)
                .orElseThrow(() -> EcrErrors.repositoryPolicyNotFound(name, ctx.accountId()));
        ctx.policies().invalidate(name.value());
        return repositoryPolicy(name, text);
    }

    private ObjectNode repositoryPolicy(RepositoryName name, String text) {
        return AwsJson.object().put("registryId", ctx.accountId()).put("repositoryName", name.value())
                .put("policyText", text);
    }

    private JsonNode putRegistryPolicy(EcrCall call) {
        String text = validPolicy(call.input(), "policyText", "registry");
        ctx.authorizeRegistry(call, "PutRegistryPolicy");
        ctx.store().putRegistryPolicy(ctx.accountId(), text, ctx.clock().instant());
        ctx.policies().invalidate(null);
        return registryPolicy(text);
    }

    private JsonNode getRegistryPolicy(EcrCall call) {
        ctx.authorizeRegistry(call, "GetRegistryPolicy");
        return registryPolicy(ctx.store().registryPolicy(ctx.accountId())
                .orElseThrow(() -> EcrErrors.registryPolicyNotFound(ctx.accountId())));
    }

    private JsonNode deleteRegistryPolicy(EcrCall call) {
        ctx.authorizeRegistry(call, "DeleteRegistryPolicy");
        String text = ctx.store().deleteRegistryPolicy(ctx.accountId())
                .orElseThrow(() -> EcrErrors.registryPolicyNotFound(ctx.accountId()));
        ctx.policies().invalidate(null);
        return registryPolicy(text);
    }

    private ObjectNode registryPolicy(String text) {
        return AwsJson.object().put("registryId", ctx.accountId()).put("policyText", text);
    }

    /** The registry id and an empty replication configuration: Berth does not replicate. */
    private JsonNode describeRegistry(EcrCall call) {
        ctx.authorizeRegistry(call, "DescribeRegistry");
        ObjectNode out = AwsJson.object().put("registryId", ctx.accountId());
        out.putObject("replicationConfiguration").putArray("rules");
        return out;
    }
}
