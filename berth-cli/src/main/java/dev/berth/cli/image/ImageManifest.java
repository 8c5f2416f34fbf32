package dev.berth.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.oci.MediaTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a transfer needs to know of a manifest: an index lists child manifests; an image manifest lists its config
 * and layers. Read from the exact bytes, which stay the source of truth.
 */
public sealed interface ImageManifest {
    ObjectMapper JSON = new ObjectMapper();

    record Index(List<Descriptor> manifests) implements ImageManifest {
        public Index {
            manifests = List.copyOf(manifests);
        }
    }

    /** An image manifest (or any artifact manifest): the config and the layers, in the manifest's order. */
    record Image(Descriptor config, List<Descriptor> layers) implements ImageManifest {
        public Image {
            layers = List.copyOf(layers);
        }

        public List<Descriptor> blobs() {
            List<Descriptor> all = new ArrayList<>();
            all.add(config);
            all.addAll(layers);
            return all;
        }
    }

    /** Throws {@link IllegalArgumentException} saying what is wrong with the manifest. */
    static ImageManifest parse(ManifestContent content) {
        JsonNode root;
        try {
            root = JSON.readTree(content.bytes());
        } catch (IOException e) {
            throw new IllegalArgumentException(content.digest() + " is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(content.digest() + " is not a JSON object");
        }
        if (MediaTypes.isSchema1(content.mediaType())) {
            throw new IllegalArgumentException(content.digest() + " is a Docker schema 1 manifest, which is "
                    + "obsolete and not supported");
        }
        if (MediaTypes.isIndex(content.mediaType()) || root.path("manifests").isArray()) {
            List<Descriptor> children = new ArrayList<>();
            root.path("manifests").forEach(node -> children.add(Descriptor.fromJson(node)));
            return new Index(children);
        }
        if (!root.path("config").isObject()) {
            throw new IllegalArgumentException(content.digest() + " (" + content.mediaType()
                    + ") is neither an index nor an image manifest");
        }
        List<Descriptor> layers = new ArrayList<>();
        root.path("layers").forEach(node -> layers.add(Descriptor.fromJson(node)));
        return new Image(Descriptor.fromJson(root.get("config")), layers);
    }
}
