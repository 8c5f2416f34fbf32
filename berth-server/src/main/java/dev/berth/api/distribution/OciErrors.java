package dev.berth.api.distribution;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.berth.api.http.Exchange;
import dev.berth.registry.RegistryError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The OCI error catalogue: each code's HTTP status, and the one serializer of the spec's error envelope. */
final class OciErrors {
    static final ObjectMapper JSON = JsonMapper.builder().build();

    private OciErrors() {}

    static int status(RegistryError error) {
        return switch (error) {
            case BLOB_UNKNOWN, BLOB_UPLOAD_UNKNOWN, MANIFEST_UNKNOWN, NAME_UNKNOWN, MANIFEST_BLOB_UNKNOWN -> 404;
            case BLOB_UPLOAD_INVALID, DIGEST_INVALID, MANIFEST_INVALID, NAME_INVALID, SIZE_INVALID, TAG_INVALID,
                 TAG_IMMUTABLE -> 400;
            case UNAUTHORIZED -> 401;
            case DENIED -> 403;
            case UNSUPPORTED -> 405;
            case TOOMANYREQUESTS -> 429;
            case RANGE_INVALID -> 416;
            case UNKNOWN -> 500;
        };
    }

    /** Writes {@code {"errors":[{"code","message","detail"}]}} with the code's status (or {@code status}). */
    static void send(Exchange exchange, int status, RegistryError error, String message, Object detail)
            throws IOException {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("code", wireCode(error).name());
        entry.put("message", message == null ? error.description() : message);
        if (detail != null) {
            entry.put("detail", detail);
        }
        exchange.send(status, "application/json", json(Map.of("errors", List.of(entry))));
    }

    /** The spec code sent for an error: Berth's own codes travel as the closest spec code. */
    static RegistryError wireCode(RegistryError error) {
        return switch (error) {
            case RANGE_INVALID -> RegistryError.BLOB_UPLOAD_INVALID;
            case TAG_IMMUTABLE -> RegistryError.TAG_INVALID;   // what ECR sends for an immutable tag
            default -> error;
        };
    }

    static void send(Exchange exchange, RegistryError error, String message, Object detail) throws IOException {
        send(exchange, status(error), error, message, detail);
    }

    static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
