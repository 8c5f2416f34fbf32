package dev.berth.api.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.aws.Access;
import dev.berth.api.aws.AwsApiException;
import dev.berth.api.aws.AwsJson;
import dev.berth.api.aws.JsonService;
import dev.berth.auth.Authorizer;
import dev.berth.auth.Principal;
import dev.berth.auth.RegistryTokens;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The ECR API over AWS JSON 1.1 ({@code X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.<Op>}, spec §1.2, §2).
 * Thin: decode, authorize as {@code ecr:<Op>}, call a service, encode.
 */
public final class EcrApi implements JsonService {
    private final RegistryTokens tokens;
    private final Authorizer authorizer;
    private final java.util.function.Supplier<String> publicUrl;

    public EcrApi(RegistryTokens tokens, Authorizer authorizer, java.util.function.Supplier<String> publicUrl) {
        this.tokens = tokens;
        this.authorizer = authorizer;
        this.publicUrl = publicUrl;
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
        return switch (operation) {
            case "GetAuthorizationToken" -> getAuthorizationToken(input, caller, sourceIp);
            default -> throw new AwsApiException("UnknownOperationException", 400,
                    "operation " + operation + " is not supported");
        };
    }

    /** A registry password bound to the caller, valid 12 h or until the caller's credentials expire. */
    private JsonNode getAuthorizationToken(JsonNode input, Principal caller, String sourceIp) {
        Access.require(authorizer, caller, "ecr:GetAuthorizationToken", null, Map.of(), List.of(), sourceIp,
                "AccessDeniedException");
        RegistryTokens.Issued issued = tokens.issue(caller);
        String token = Base64.getEncoder().encodeToString(("AWS:" + issued.password()).getBytes(StandardCharsets.UTF_8));
        ObjectNode out = AwsJson.object();
        ArrayNode data = out.putArray("authorizationData");
        int count = Math.max(1, input.path("registryIds").size());
        for (int i = 0; i < count; i++) {
            data.addObject().put("authorizationToken", token)
                    .put("expiresAt", AwsJson.timestamp(issued.expiresAt()))
                    .put("proxyEndpoint", publicUrl.get());
        }
        return out;
    }
}
