package dev.berth.server;

import static dev.berth.server.Fixtures.OCI_CONFIG;
import static dev.berth.server.Fixtures.OCI_INDEX;
import static dev.berth.server.Fixtures.OCI_LAYER;
import static dev.berth.server.Fixtures.OCI_MANIFEST;
import static dev.berth.server.Fixtures.bytes;
import static dev.berth.server.Fixtures.descriptor;
import static dev.berth.server.Fixtures.sha256;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * An OCI image layout on disk (image-spec "image-layout.md"): {@code oci-layout}, {@code index.json} naming images
 * by {@code org.opencontainers.image.ref.name}, and content-addressed {@code blobs/sha256/<hex>}.
 */
final class OciLayout {
    static final String REF_NAME = "org.opencontainers.image.ref.name";

    private final Path dir;

    OciLayout(Path dir) {
        this.dir = dir;
    }

    /**
     * Writes a layout whose {@code index.json} names, as {@code tag}, a multi-arch image: an OCI index of one image
     * manifest per platform ({@code os/arch}), each with its config and one gzipped tar layer. Returns the digest
     * of that image index.
     */
    static String writeMultiArch(Path dir, String tag, List<String> platforms) {
        OciLayout layout = new OciLayout(dir);
        StringBuilder manifests = new StringBuilder();
        long seed = 0;
        for (String platform : platforms) {
            String os = platform.substring(0, platform.indexOf('/'));
            String arch = platform.substring(platform.indexOf('/') + 1);
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put("etc/platform", (platform + "\n").getBytes(StandardCharsets.UTF_8));
            files.put("opt/app/data.bin", bytes(40_000, ++seed));
            byte[] tar = Tar.write(files);
            byte[] layer = Tar.gzip(tar);
            byte[] config = ("{\"architecture\":\"" + arch + "\",\"os\":\"" + os + "\",\"config\":{\"Cmd\":[\"/bin/true\"]},"
                    + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + sha256(tar) + "\"]}}")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":"
                    + descriptor(OCI_CONFIG, config) + ",\"layers\":[" + descriptor(OCI_LAYER, layer) + "]}")
                    .getBytes(StandardCharsets.UTF_8);
            layout.putBlob(layer);
            layout.putBlob(config);
            layout.putBlob(manifest);
            manifests.append(manifests.isEmpty() ? "" : ",").append(descriptor(OCI_MANIFEST, manifest)
                    .replaceFirst("}$", ",\"platform\":{\"architecture\":\"" + arch + "\",\"os\":\"" + os + "\"}}"));
        }
        byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[" + manifests + "]}")
                .getBytes(StandardCharsets.UTF_8);
        layout.putBlob(index);
        String top = descriptor(OCI_INDEX, index).replaceFirst("}$", ",\"annotations\":{\"" + REF_NAME + "\":\"" + tag + "\"}}");
        layout.write("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}");
        layout.write("index.json", "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[" + top + "]}");
        return sha256(index);
    }

    /** The descriptor {@code index.json} names {@code tag}. */
    JsonNode descriptorOf(String tag) {
        for (JsonNode d : OciClient.json(read("index.json")).get("manifests")) {
            if (d.path("annotations").path(REF_NAME).asText().equals(tag)) {
                return d;
            }
        }
        throw new AssertionError("no " + tag + " in " + dir.resolve("index.json"));
    }

    /** Every blob of the layout, by digest. */
    Map<String, byte[]> blobs() {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir.resolve("blobs/sha256"))) {
            for (Path p : files.toList()) {
                out.put("sha256:" + p.getFileName(), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    byte[] blob(String digest) {
        return read("blobs/sha256/" + digest.substring("sha256:".length()));
    }

    private void putBlob(byte[] content) {
        write("blobs/sha256/" + sha256(content).substring("sha256:".length()), content);
    }

    private void write(String path, String content) {
        write(path, content.getBytes(StandardCharsets.UTF_8));
    }

    private void write(String path, byte[] content) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] read(String path) {
        try {
            return Files.readAllBytes(dir.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
