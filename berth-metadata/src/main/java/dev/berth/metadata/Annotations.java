package dev.berth.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code manifests.annotations} column: a JSON object of strings, keys sorted so equal maps give equal text,
 * NULL when there are none. Thread-safe.
 */
final class Annotations {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

    private Annotations() {}

    /** The column value for {@code annotations}, or null when it is empty. */
    static String toColumn(Map<String, String> annotations) {
        if (annotations.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(new TreeMap<>(annotations));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("annotations cannot be written as JSON", e);
        }
    }

    /** The annotations stored in a column value; empty for NULL. */
    static Map<String, String> fromColumn(String column) {
        if (column == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(column, MAP);
        } catch (JsonProcessingException e) {
            throw new MetadataException("stored annotations are not a JSON object of strings", e);
        }
    }
}
