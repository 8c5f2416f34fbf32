package dev.berth.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.oci.Digest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An OCI content descriptor (image-spec "descriptor.md"): what a manifest, index or {@code index.json} says about
 * a piece of content. Only the fields transfers need are kept; manifests themselves stay as received bytes.
 *
 * @param platform null unless an index gave one
 */
public record Descriptor(String mediaType, Digest digest, long size, Platform platform,
        Map<String, String> annotations) {
    /** The annotation an OCI layout's {@code index.json} names images by (a tag, for registries). */
    public static final String REF_NAME = "org.opencontainers.image.ref.name";

    public Descriptor {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for " + digest);
        }
        annotations = Map.copyOf(annotations);
    }

    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest, size, null, Map.of());
    }

    /** Reads a descriptor object; throws {@link IllegalArgumentException} naming what is missing. */
    public static Descriptor fromJson(JsonNode node) {
        JsonNode digest = node.path("digest");
        JsonNode size = node.path("size");
        if (!digest.isTextual() || !size.canConvertToLong()) {
            throw new IllegalArgumentException("a descriptor without a digest or size: " + node);
        }
        Platform platform = null;
        JsonNode p = node.path("platform");
        if (p.path("os").isTextual() && p.path("architecture").isTextual()) {
            platform = new Platform(p.get("os").asText(), p.get("architecture").asText(),
                    p.path("variant").isTextual() ? p.get("variant").asText() : null);
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        node.path("annotations").properties().forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
        return new Descriptor(node.path("mediaType").asText(""), Digest.parse(digest.asText()), size.asLong(),
                platform, annotations);
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("mediaType", mediaType);
        node.put("digest", digest.toString());
        node.put("size", size);
        if (platform != null) {
            ObjectNode p = node.putObject("platform");
            p.put("architecture", platform.architecture());
            p.put("os", platform.os());
            if (platform.variant() != null) {
                p.put("variant", platform.variant());
            }
        }
        if (!annotations.isEmpty()) {
            ObjectNode a = node.putObject("annotations");
            new java.util.TreeMap<>(annotations).forEach(a::put);
        }
        return node;
    }

    public Optional<String> refName() {
        return Optional.ofNullable(annotations.get(REF_NAME));
    }

    /** The same descriptor naming {@code name} (a layout's tag), or naming nothing when null. */
    public Descriptor withRefName(String name) {
        Map<String, String> a = new LinkedHashMap<>(annotations);
        if (name == null) {
            a.remove(REF_NAME);
        } else {
            a.put(REF_NAME, name);
        }
        return new Descriptor(mediaType, digest, size, platform, a);
    }
}
