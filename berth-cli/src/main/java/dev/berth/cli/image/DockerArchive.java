package dev.berth.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.oci.Digest;
import dev.berth.oci.DigestAlgorithm;
import dev.berth.oci.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code docker save} archive read through its {@code manifest.json} ({@code [{Config, RepoTags, Layers}]}),
 * turned into an OCI image manifest. The layers are pushed as they are in the archive, never recompressed: an
 * uncompressed tar becomes {@code application/vnd.oci.image.layer.v1.tar} (its digest is then the config's
 * {@code diff_id}), a gzip or zstd stream the matching {@code +gzip}/{@code +zstd} type, told by its first bytes.
 * A layer at {@code blobs/sha256/<hex>} (newer docker) is named by its path; any other layer is hashed once by
 * streaming it. Why not gzip on the fly: see ADR "transfer-docker-archive-layers".
 */
public final class DockerArchive {
    public static final String LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BLOB_PATH = Pattern.compile("(?:\\./)?blobs/(sha256|sha512)/([0-9a-f]+)");

    private DockerArchive() {
    }

    /** The image: a manifest built from the archive, and where each of its blobs is in the archive. */
    public record Image(ManifestContent manifest, Map<Digest, String> paths, List<String> repoTags) {
    }

    public static boolean isArchive(LayoutFiles files) throws IOException {
        return files.size("manifest.json").isPresent();
    }

    /**
     * The image tagged {@code repoTag} in the archive (as {@code docker save} recorded it, e.g.
     * {@code app:1.0}); with no tag, the archive's only image. Throws {@link IllegalArgumentException} when the
     * choice is missing or ambiguous.
     */
    public static Image read(LayoutFiles files, String repoTag) throws IOException {
        JsonNode entries = JSON.readTree(files.readSmall("manifest.json", ManifestContent.MAX_SIZE));
        if (!entries.isArray() || entries.isEmpty()) {
            throw new IOException(files.describe("manifest.json") + " lists no image");
        }
        JsonNode chosen = choose(files, entries, repoTag);
        Map<Digest, String> paths = new HashMap<>();
        String configPath = chosen.path("Config").asText();
        byte[] config = files.readSmall(configPath, ManifestContent.MAX_SIZE);
        Digest configDigest = Digest.compute(DigestAlgorithm.SHA256, config);
        paths.put(configDigest, configPath);

        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.set("config", Descriptor.of("application/vnd.oci.image.config.v1+json", configDigest, config.length)
                .toJson());
        ArrayNode layers = manifest.putArray("layers");
        for (JsonNode layer : chosen.path("Layers")) {
            String path = layer.asText();
            long size = files.size(path).orElseThrow(() -> new IOException(
                    "the archive has no " + path + " (named in manifest.json)"));
            Digest digest = digestOf(files, path);
            paths.put(digest, path);
            layers.add(Descriptor.of(layerMediaType(files, path), digest, size).toJson());
        }
        byte[] bytes = JSON.writeValueAsBytes(manifest);
        List<String> tags = new ArrayList<>();
        chosen.path("RepoTags").forEach(t -> tags.add(t.asText()));
        return new Image(new ManifestContent(MediaTypes.OCI_MANIFEST, bytes,
                Digest.compute(DigestAlgorithm.SHA256, bytes)), paths, tags);
    }

    private static JsonNode choose(LayoutFiles files, JsonNode entries, String repoTag) {
        List<String> all = new ArrayList<>();
        for (JsonNode entry : entries) {
            for (JsonNode tag : entry.path("RepoTags")) {
                if (tag.asText().equals(repoTag)) {
                    return entry;
                }
                all.add(tag.asText());
            }
        }
        if (repoTag == null && entries.size() == 1) {
            return entries.get(0);
        }
        throw new IllegalArgumentException(files.describe("manifest.json") + (repoTag == null
                ? " holds " + entries.size() + " images; choose one by tag (" + String.join(", ", all) + ")"
                : " has no image tagged '" + repoTag + "'; it has " + (all.isEmpty() ? "no tags" : String.join(", ", all))));
    }

    private static Digest digestOf(LayoutFiles files, String path) throws IOException {
        Matcher m = BLOB_PATH.matcher(path);
        if (m.matches()) {
            return Digest.parse(m.group(1) + ":" + m.group(2));
        }
        MessageDigest hasher = DigestAlgorithm.SHA256.newHasher();
        try (InputStream in = files.open(path, 0)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                hasher.update(buffer, 0, n);
            }
        }
        return Digest.of(DigestAlgorithm.SHA256, hasher.digest());
    }

    /** The layer's media type from its first bytes: gzip (1f 8b), zstd (28 b5 2f fd), else a plain tar. */
    static String layerMediaType(LayoutFiles files, String path) throws IOException {
        byte[] magic;
        try (InputStream in = files.open(path, 0)) {
            magic = in.readNBytes(4);
        }
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return LAYER_TAR + "+gzip";
        }
        if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
                && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
            return LAYER_TAR + "+zstd";
        }
        return LAYER_TAR;
    }
}
