package dev.berth.api.ecr;

import com.fasterxml.jackson.databind.JsonNode;

/** One ECR operation: validates its input, authorizes it as {@code ecr:<Op>}, does it and returns its output. */
@FunctionalInterface
interface EcrOperation {
    /** @throws dev.berth.api.aws.AwsApiException for a refusal, named as ECR names it */
    JsonNode handle(EcrCall call);
}
