package dev.berth.api.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.auth.Principal;

/** An AWS JSON 1.1 service (ECR): an operation name and its input in, its output out. */
public interface JsonService {

    /** The signing name in the credential scope ({@code ecr}). */
    String signingName();

    /** The prefix of this service's action names in policies and the audit trail; its signing name by default. */
    default String actionPrefix() {
        return signingName();
    }

    /** The {@code X-Amz-Target} prefix, e.g. {@code AmazonEC2ContainerRegistry_V20150921}. */
    String targetPrefix();

    /** @throws AwsApiException for a refusal in the protocol's terms */
    JsonNode handle(String operation, JsonNode input, Principal caller, String sourceIp);
}
