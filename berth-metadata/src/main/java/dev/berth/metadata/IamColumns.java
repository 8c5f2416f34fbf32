package dev.berth.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The list columns of the IAM tables, as JSON text: string lists as arrays ({@code ["a","b"]}), tags as an array
 * of {@code {"Key":…,"Value":…}} objects, both in the order given (an empty list is {@code []}). Thread-safe.
 */
final class IamColumns {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<List<Map<String, String>>> TAGS = new TypeReference<>() {};

    private IamColumns() {}

    static String strings(List<String> values) {
        return write(values);
    }

    static List<String> strings(String column) {
        try {
            return List.copyOf(JSON.readValue(column, STRINGS));
        } catch (JsonProcessingException | NullPointerException e) {
            throw new MetadataException("a stored IAM list is not a JSON array of strings", e);
        }
    }

    static String tags(List<IamTag> tags) {
        return write(tags.stream().map(t -> {
            Map<String, String> json = new LinkedHashMap<>();
            json.put("Key", t.key());
            json.put("Value", t.value());
            return json;
        }).toList());
    }

    static List<IamTag> tags(String column) {
        try {
            return JSON.readValue(column, TAGS).stream().map(t -> new IamTag(t.get("Key"), t.get("Value"))).toList();
        } catch (JsonProcessingException | NullPointerException e) {
            throw new MetadataException("stored IAM tags are not a JSON array of {Key, Value}", e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings cannot be written as JSON", e);
        }
    }
}
