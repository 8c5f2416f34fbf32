package dev.berth.api.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.aws.Access;
import dev.berth.api.aws.AwsApiException;
import dev.berth.api.aws.AwsJson;
import dev.berth.api.aws.JsonService;
import dev.berth.auth.Principal;
import dev.berth.auth.RegistryTokens;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ECR API over AWS JSON 1.1 ({@code X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.<Op>}, spec §1.2, §2).
 * A thin dispatcher: each operation lives with its area ({@link RepositoryOperations}, {@link ImageOperations},
 * {@link PutImage}, {@link LayerOperations}, {@link PolicyOperations}, {@link TemplateOperations},
 * {@link LifecycleOperations}, {@link ScanOperations}), decodes its input,
 * authorizes itself as {@code ecr:<Op>} through {@link EcrContext#authorize} and answers in ECR's shapes and errors.
 */
public final class EcrApi implements JsonService {
    private final RegistryTokens tokens;
    private final EcrContext ctx;
    private final Map<String, EcrOperation> operations = new HashMap<>();

    /** @param context the services, policies and names every operation shares */
    public EcrApi(RegistryTokens tokens, EcrContext context) {
        this.tokens = tokens;
        this.ctx = context;
        operations.put("GetAuthorizationToken", this::getAuthorizationToken);
        operations.putAll(new RepositoryOperations(ctx).operations());
        operations.putAll(new ImageOperations(ctx).operations());
        operations.put("PutImage", new PutImage(ctx));
        operations.putAll(new LayerOperations(ctx).operations());
        operations.putAll(new PolicyOperations(ctx).operations());
        operations.putAll(new TemplateOperations(ctx).operations());
        operations.putAll(new LifecycleOperations(ctx).operations());
        operations.putAll(new ScanOperations(ctx).operations());
    }

    @Override
    public String signingName() {
        return "ecr";
    }

    @Override
    public String targetPrefix() {
        return "AmazonEC2ContainerRegistry_V20150921";
    }

    @Override
    public JsonNode handle(String operation, JsonNode input, Principal caller, String sourceIp) {
        EcrOperation op = operations.get(operation);
        if (op == null) {
            throw new AwsApiException("UnknownOperationException", 400, "operation " + operation + " is not supported");
        }
        return op.handle(new EcrCall(new EcrInput(input), caller, sourceIp));
    }

    /** A registry password bound to the caller, valid 12 h or until the caller's credentials expire. */
    private JsonNode getAuthorizationToken(EcrCall call) {
        Access.require(ctx.authorizer(), call.caller(), "ecr:GetAuthorizationToken", null, Map.of(), List.of(),
                call.sourceIp(), "AccessDeniedException");
        RegistryTokens.Issued issued = tokens.issue(call.caller());
        String token = Base64.getEncoder().encodeToString(("AWS:" + issued.password()).getBytes(StandardCharsets.UTF_8));
        ObjectNode out = AwsJson.object();
        ArrayNode data = out.putArray("authorizationData");
        int count = Math.max(1, call.input().list("registryIds").size());
        for (int i = 0; i < count; i++) {
            data.addObject().put("authorizationToken", token)
                    .put("expiresAt", AwsJson.timestamp(issued.expiresAt()))
                    .put("proxyEndpoint", ctx.publicUrl().get());
        }
        return out;
    }
}
