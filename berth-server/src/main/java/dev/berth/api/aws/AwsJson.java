package dev.berth.api.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The AWS JSON 1.1 protocol's value rules: request bodies parsed strictly, timestamps written as epoch seconds
 * (a plain decimal number, milliseconds as the fraction), absent members omitted rather than null.
 */
public final class AwsJson {
    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    public static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private AwsJson() {}

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Parses a request body; an empty body is an empty object. */
    public static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return object();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw new AwsApiException("SerializationException", 400, "request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new AwsApiException("SerializationException", 400, "request body is not valid JSON");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Epoch seconds with millisecond fraction, e.g. {@code 1795293984.213}. */
    public static BigDecimal timestamp(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
