package dev.berth.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads manifest bytes into a {@link Manifest}, checking what the OCI image spec and Docker schema 2 require.
 * Docker schema 1 is refused by name. Thread-safe.
 */
public final class ManifestParser {
    /** Largest manifest the registry accepts (the distribution spec's suggested minimum is 4 MiB). */
    public static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

    /** Trailing bytes after the document are refused: we store the exact bytes, and clients would reject them. */
    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private ManifestParser() {}

    /**
     * @param contentType the request's Content-Type, or null; when it names a manifest type and the document has
     *     a {@code mediaType} of its own, the two must agree
     */
    public static Manifest parse(byte[] bytes, String contentType) {
        if (bytes.length > MAX_MANIFEST_BYTES) {
            throw new InvalidManifestException("manifest is larger than " + MAX_MANIFEST_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new InvalidManifestException("manifest is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidManifestException("manifest could not be read");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidManifestException("manifest must be a JSON object");
        }
        String declared = MediaTypes.essence(contentType);
        String inDocument = optionalText(root, "mediaType");
        if (MediaTypes.isSchema1(declared) || MediaTypes.isSchema1(inDocument == null ? "" : inDocument)
                || root.path("schemaVersion").asInt(-1) == 1) {
            throw new InvalidManifestException("Docker schema 1 manifests are not supported; push schema 2 or OCI");
        }
        JsonNode version = root.path("schemaVersion");
        // canConvertToInt: asInt() truncates, and 4294967298 would read as 2
        if (!version.isIntegralNumber() || !version.canConvertToInt() || version.intValue() != 2) {
            throw new InvalidManifestException("schemaVersion must be 2");
        }
        String mediaType = resolveMediaType(root, declared, inDocument);
        String artifactType = optionalText(root, "artifactType");
        Descriptor subject = root.has("subject") ? descriptor(root.get("subject"), "subject") : null;
        Map<String, String> annotations = annotations(root.get("annotations"), "annotations");
        if (MediaTypes.isIndex(mediaType)) {
            if (root.has("config") || root.has("layers")) {
                throw new InvalidManifestException("an index must not have config or layers");
            }
            List<Descriptor> children = descriptors(root, "manifests", true);
            return new Manifest(mediaType, null, List.of(), children, subject, artifactType, annotations);
        }
        if (root.has("manifests")) {
            throw new InvalidManifestException("an image manifest must not have manifests");
        }
        Descriptor config = descriptor(required(root, "config"), "config");
        List<Descriptor> layers = descriptors(root, "layers", !MediaTypes.OCI_MANIFEST.equals(mediaType));
        return new Manifest(mediaType, config, layers, List.of(), subject, artifactType, annotations);
    }

    private static String resolveMediaType(JsonNode root, String declared, String inDocument) {
        boolean declaredIsManifest = MediaTypes.isManifest(declared);
        if (inDocument != null) {
            if (!MediaTypes.isManifest(inDocument)) {
                throw new InvalidManifestException("unsupported manifest mediaType " + inDocument);
            }
            if (declaredIsManifest && !declared.equals(inDocument)) {
                throw new InvalidManifestException(
                        "Content-Type " + declared + " does not match the manifest's mediaType " + inDocument);
            }
            return inDocument;
        }
        if (declaredIsManifest) {
            return declared;
        }
        // Neither says: OCI allows an absent mediaType, so tell manifest from index by shape.
        if (root.has("manifests")) {
            return MediaTypes.OCI_INDEX;
        }
        if (root.has("config")) {
            return MediaTypes.OCI_MANIFEST;
        }
        throw new InvalidManifestException("cannot tell the manifest's media type");
    }

    private static List<Descriptor> descriptors(JsonNode root, String field, boolean required) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new InvalidManifestException(field + " is required");
            }
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidManifestException(field + " must be an array");
        }
        List<Descriptor> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(descriptor(node.get(i), field + "[" + i + "]"));
        }
        return out;
    }

    private static Descriptor descriptor(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new InvalidManifestException(where + " must be a descriptor object");
        }
        String mediaType = optionalText(node, "mediaType");
        if (mediaType == null || mediaType.isEmpty()) {
            throw new InvalidManifestException(where + ".mediaType is required");
        }
        String digestText = optionalText(node, "digest");
        if (digestText == null) {
            throw new InvalidManifestException(where + ".digest is required");
        }
        Digest digest;
        try {
            digest = Digest.parse(digestText);
        } catch (InvalidReferenceException e) {
            throw new InvalidManifestException(where + ".digest is invalid: " + e.getMessage());
        }
        JsonNode size = node.get("size");
        // canConvertToLong: asLong() truncates integers beyond a long instead of refusing them
        if (size == null || !size.isIntegralNumber() || !size.canConvertToLong() || size.asLong() < 0) {
            throw new InvalidManifestException(where + ".size must be a non-negative integer");
        }
        return new Descriptor(mediaType, digest, size.asLong(), optionalText(node, "artifactType"),
                annotations(node.get("annotations"), where + ".annotations"));
    }

    private static Map<String, String> annotations(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new InvalidManifestException(where + " must be an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isTextual()) {
                throw new InvalidManifestException(where + "." + e.getKey() + " must be a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static JsonNode required(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidManifestException(field + " is required");
        }
        return node;
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidManifestException(field + " must be a string");
        }
        return v.asText();
    }
}
