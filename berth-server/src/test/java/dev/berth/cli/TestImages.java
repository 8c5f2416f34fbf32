package dev.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.oci.Digest;
import dev.berth.oci.DigestAlgorithm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Images built on disk for the transfer tests: OCI layouts and docker-save archives, deterministic bytes. */
final class TestImages {
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    static final String LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    static final String REF_NAME = "org.opencontainers.image.ref.name";
    static final ObjectMapper JSON = new ObjectMapper();

    private TestImages() {
    }

    /** What a multi-platform layout holds. */
    record MultiArch(String indexDigest, String sharedLayer, Map<String, String> manifestByPlatform) {
    }

    /**
     * An OCI layout naming {@code tag}: an index of one image per platform; every image has the same base layer
     * (shared) and a layer of its own of {@code ownLayerSize} random bytes (before gzip, so incompressible).
     */
    static MultiArch multiArchLayout(Path dir, String tag, int ownLayerSize, String... platforms) {
        byte[] base = gzip(tar(Map.of("etc/os-release", "ID=test\n".getBytes(StandardCharsets.UTF_8))));
        put(dir, base);
        StringBuilder manifests = new StringBuilder();
        Map<String, String> byPlatform = new LinkedHashMap<>();
        long seed = 7;
        for (String platform : platforms) {
            String[] p = platform.split("/");
            byte[] ownTar = tar(Map.of("app/" + p[1] + ".bin", random(ownLayerSize, ++seed)));
            byte[] own = gzip(ownTar);
            byte[] config = ("{\"architecture\":\"" + p[1] + "\",\"os\":\"" + p[0] + "\",\"rootfs\":{\"type\":"
                    + "\"layers\",\"diff_ids\":[]}}").getBytes(StandardCharsets.UTF_8);
            byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":"
                    + descriptor(OCI_CONFIG, config) + ",\"layers\":[" + descriptor(LAYER_GZIP, base) + ","
                    + descriptor(LAYER_GZIP, own) + "]}").getBytes(StandardCharsets.UTF_8);
            put(dir, own);
            put(dir, config);
            put(dir, manifest);
            byPlatform.put(platform, sha256(manifest));
            manifests.append(manifests.isEmpty() ? "" : ",").append(descriptor(OCI_MANIFEST, manifest)
                    .replaceFirst("}$", ",\"platform\":{\"architecture\":\"" + p[1] + "\",\"os\":\"" + p[0] + "\"}}"));
        }
        byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[" + manifests + "]}")
                .getBytes(StandardCharsets.UTF_8);
        put(dir, index);
        write(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        write(dir.resolve("index.json"), ("{\"schemaVersion\":2,\"manifests\":[" + descriptor(OCI_INDEX, index)
                .replaceFirst("}$", ",\"annotations\":{\"" + REF_NAME + "\":\"" + tag + "\"}}") + "]}")
                .getBytes(StandardCharsets.UTF_8));
        return new MultiArch(sha256(index), sha256(base), byPlatform);
    }

    /** A single-image layout naming {@code tag}, with one gzip layer of {@code layerSize} random bytes. */
    static String singleImageLayout(Path dir, String tag, int layerSize, long seed) {
        byte[] layer = random(layerSize, seed);
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":"
                + descriptor(OCI_CONFIG, config) + ",\"layers\":[" + descriptor(LAYER_GZIP, layer) + "]}")
                .getBytes(StandardCharsets.UTF_8);
        put(dir, layer);
        put(dir, config);
        put(dir, manifest);
        write(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        write(dir.resolve("index.json"), ("{\"schemaVersion\":2,\"manifests\":[" + descriptor(OCI_MANIFEST, manifest)
                .replaceFirst("}$", ",\"annotations\":{\"" + REF_NAME + "\":\"" + tag + "\"}}") + "]}")
                .getBytes(StandardCharsets.UTF_8));
        return sha256(layer);
    }

    /** A docker-save archive as docker before 25 wrote it: {@code <id>/layer.tar} (uncompressed), {@code <hex>.json}. */
    record Archive(Path file, String configDigest, List<byte[]> layers) {
    }

    static Archive legacyDockerArchive(Path file, String repoTag) {
        byte[] layer1 = tar(Map.of("etc/hostname", "test\n".getBytes(StandardCharsets.UTF_8)));
        byte[] layer2 = tar(Map.of("app/data.bin", random(30_000, 3)));
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[\"" + sha256(layer1) + "\",\"" + sha256(layer2) + "\"]}}")
                .getBytes(StandardCharsets.UTF_8);
        String configName = sha256(config).substring(7) + ".json";
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("aaaa/layer.tar", layer1);
        entries.put("bbbb/layer.tar", layer2);
        entries.put(configName, config);
        entries.put("manifest.json", ("[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"" + repoTag + "\"],"
                + "\"Layers\":[\"aaaa/layer.tar\",\"bbbb/layer.tar\"]}]").getBytes(StandardCharsets.UTF_8));
        write(file, tar(entries));
        return new Archive(file, sha256(config), List.of(layer1, layer2));
    }

    /**
     * A docker-save archive as docker 25+ writes it: an OCI layout inside the tar (blobs/sha256/..., index.json,
     * oci-layout) plus the legacy manifest.json pointing into blobs/.
     */
    static Archive ociDockerArchive(Path file, String repoTag) {
        byte[] layer = tar(Map.of("bin/tool", random(20_000, 5)));
        byte[] config = ("{\"architecture\":\"arm64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + sha256(layer) + "\"]}}").getBytes(StandardCharsets.UTF_8);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":"
                + descriptor(OCI_CONFIG, config) + ",\"layers\":[" + descriptor("application/vnd.oci.image.layer.v1.tar",
                layer) + "]}").getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("blobs/sha256/" + sha256(layer).substring(7), layer);
        entries.put("blobs/sha256/" + sha256(config).substring(7), config);
        entries.put("blobs/sha256/" + sha256(manifest).substring(7), manifest);
        entries.put("index.json", ("{\"schemaVersion\":2,\"manifests\":[" + descriptor(OCI_MANIFEST, manifest)
                .replaceFirst("}$", ",\"annotations\":{\"" + REF_NAME + "\":\"" + repoTag.substring(repoTag
                .lastIndexOf(':') + 1) + "\",\"io.containerd.image.name\":\"docker.io/library/" + repoTag + "\"}}")
                + "]}").getBytes(StandardCharsets.UTF_8));
        entries.put("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        entries.put("manifest.json", ("[{\"Config\":\"blobs/sha256/" + sha256(config).substring(7) + "\",\"RepoTags\":[\""
                + repoTag + "\"],\"Layers\":[\"blobs/sha256/" + sha256(layer).substring(7) + "\"]}]")
                .getBytes(StandardCharsets.UTF_8));
        write(file, tar(entries));
        return new Archive(file, sha256(config), List.of(layer));
    }

    /** Every file of a layout directory by relative path (blobs, index.json, oci-layout). */
    static Map<String, byte[]> files(Path dir) {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static Map<String, byte[]> blobs(Path dir) {
        Map<String, byte[]> out = new TreeMap<>(files(dir));
        out.keySet().removeIf(k -> !k.startsWith("blobs/"));
        return out;
    }

    static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] content) {
        return Digest.compute(DigestAlgorithm.SHA256, content).toString();
    }

    static String descriptor(String mediaType, byte[] content) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + sha256(content) + "\",\"size\":" + content.length + "}";
    }

    static byte[] tar(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> e : new TreeMap<>(files).entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(e.getValue().length);
                entry.setModTime(0);
                out.putArchiveEntry(entry);
                out.write(e.getValue());
                out.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void put(Path dir, byte[] content) {
        write(dir.resolve("blobs/sha256/" + sha256(content).substring(7)), content);
    }

    static void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
