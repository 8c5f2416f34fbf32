package dev.berth.server;

import static dev.berth.server.Fixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.event.events.TimerEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real client, Jib (jib-core), pushes to Berth over plain HTTP and pulls back: the image it built from scratch
 * comes back byte for byte under the digests Jib computed, and Jib can build on it as a base image, which pulls its
 * manifest, config and layers and mounts the layers into another repository.
 *
 * <p>Jib talks HTTPS first; with insecure registries allowed it falls back to HTTP when the handshake fails. It makes
 * no exception for 127.0.0.1 or localhost: without {@code setAllowInsecureRegistries(true)} jib-core 0.28.1 refuses
 * with {@code InsecureRegistryException}. It authenticates with the root key over plain HTTP, which Jib does only
 * with the system property {@code sendCredentialsOverHttp} (set for this class and restored after).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class JibPushPullTest {
    static TestServer server;
    static OciClient client;

    @TempDir
    Path work;

    /** Jib's log, printed by the assertion messages; Jib logs from its own threads. */
    final List<String> jibLog = Collections.synchronizedList(new ArrayList<>());
    /**
     * The steps Jib timed (an internal event of jib-core, pinned at 0.28.1): a blob push is "pushBlob POST
     * &lt;digest&gt;", then "pushBlob PATCH &lt;digest&gt;" and "pushBlob PUT &lt;digest&gt;" unless the POST mounted it.
     */
    final Set<String> jibSteps = ConcurrentHashMap.newKeySet();

    static String sendCredentialsOverHttp;

    @BeforeAll
    static void start() {
        sendCredentialsOverHttp = System.setProperty("sendCredentialsOverHttp", "true");
        server = TestServer.start();
        client = new OciClient(server.url());
    }

    @AfterAll
    static void stop() throws Exception {
        if (sendCredentialsOverHttp == null) {
            System.clearProperty("sendCredentialsOverHttp");
        } else {
            System.setProperty("sendCredentialsOverHttp", sendCredentialsOverHttp);
        }
        server.close();
    }

    @Test
    void pushFromScratchPullBackAndBuildOnIt() throws Exception {
        Map<String, byte[]> files = new HashMap<>();
        files.put("app/hello.txt", "hello from berth\n".getBytes(StandardCharsets.UTF_8));
        files.put("app/data.bin", bytes(300_000, 42));
        files.put("etc/app/settings.json", "{\"greeting\":\"hello\"}\n".getBytes(StandardCharsets.UTF_8));

        String base = image("acme/jib-app:1.0");
        JibContainer pushed = Jib.fromScratch()
                .addFileEntriesLayer(layer("app", files, "app/hello.txt", "app/data.bin"))
                .addFileEntriesLayer(layer("config", files, "etc/app/settings.json"))
                .setEntrypoint("/app/run")
                .addLabel("org.example.test", "jib")
                .containerize(containerizer(base));
        assertThat(pushed.isImagePushed()).as(log()).isTrue();

        // The pull round trip: the manifest Jib pushed, under the digest Jib computed, and every blob intact.
        String digest = pushed.getDigest().toString();
        assertThat(client.manifest("acme/jib-app", "1.0")).isEqualTo(client.manifest("acme/jib-app", digest));
        Set<String> pulled = client.pullVerified("acme/jib-app", "1.0");
        assertThat(pulled).first().isEqualTo(digest);
        JsonNode manifest = OciClient.json(client.manifest("acme/jib-app", digest));
        assertThat(manifest.get("mediaType").asText()).isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
        assertThat(manifest.get("config").get("digest").asText()).isEqualTo(pushed.getImageId().toString());
        assertThat(manifest.get("layers")).hasSize(2);

        // The layers hold exactly the files Jib was given.
        Map<String, byte[]> unpacked = new HashMap<>();
        for (JsonNode layer : manifest.get("layers")) {
            byte[] blob = client.blob("acme/jib-app", layer.get("digest").asText(), layer.get("size").asLong());
            unpacked.putAll(Tar.read(Tar.gunzip(blob)));
        }
        assertThat(unpacked).containsOnlyKeys(files.keySet());
        files.forEach((name, content) -> assertThat(unpacked.get(name)).as(name).isEqualTo(content));

        // Jib builds on the pushed image: it pulls it (base layers cached, so it downloads them too) and pushes
        // to another repository, mounting the base layers from acme/jib-app.
        jibSteps.clear();
        JibContainer derived = Jib.from(RegistryImage.named(base).addCredential(TestServer.ROOT_ACCESS_KEY_ID, TestServer.ROOT_SECRET))
                .addFileEntriesLayer(FileEntriesLayer.builder().setName("extra")
                        .addEntry(file("extra.txt", "derived\n".getBytes(StandardCharsets.UTF_8)),
                                AbsoluteUnixPath.get("/app/extra.txt"))
                        .build())
                .setFormat(ImageFormat.OCI)
                .containerize(containerizer(image("acme/jib-derived:2.0")).setAlwaysCacheBaseImage(true));
        assertThat(derived.isImagePushed()).as(log()).isTrue();
        Set<String> derivedPulled = client.pullVerified("acme/jib-derived", "2.0");
        assertThat(derivedPulled).first().isEqualTo(derived.getDigest().toString());
        JsonNode derivedManifest = OciClient.json(client.manifest("acme/jib-derived", "2.0"));
        assertThat(derivedManifest.get("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        List<String> baseLayers = digests(manifest.get("layers"));
        List<String> derivedLayers = digests(derivedManifest.get("layers"));
        assertThat(derivedLayers).as(log()).hasSize(3).startsWith(baseLayers.toArray(String[]::new));
        for (String layer : baseLayers) {
            assertThat(jibSteps).as("base layer %s is mounted (POST 201), not uploaded", layer)
                    .contains("pushBlob POST " + layer).doesNotContain("pushBlob PATCH " + layer);
        }
        assertThat(jibSteps).as("the new layer is uploaded").contains("pushBlob PATCH " + derivedLayers.get(2));
        assertThat(log()).as("Jib's log").doesNotContain("ERROR");
    }

    private String image(String repositoryAndTag) {
        return server.url().replaceFirst("^http://", "") + "/" + repositoryAndTag;
    }

    private Containerizer containerizer(String image) throws Exception {
        return Containerizer.to(RegistryImage.named(image)
                        .addCredential(TestServer.ROOT_ACCESS_KEY_ID, TestServer.ROOT_SECRET))
                .setAllowInsecureRegistries(true)
                .setBaseImageLayersCache(Files.createTempDirectory(work, "base-cache"))
                .setApplicationLayersCache(Files.createTempDirectory(work, "app-cache"))
                .setToolName("berth-tests")
                .addEventHandler(LogEvent.class, e -> jibLog.add(e.getLevel() + " " + e.getMessage()))
                .addEventHandler(TimerEvent.class, e -> jibSteps.add(e.getDescription()));
    }

    /** A layer of the named files, written under {@code work} and placed at {@code /<name>} in the image. */
    private FileEntriesLayer layer(String name, Map<String, byte[]> files, String... names) throws Exception {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
        for (String n : names) {
            layer.addEntry(file(n, files.get(n)), AbsoluteUnixPath.get("/" + n));
        }
        return layer.build();
    }

    private Path file(String name, byte[] content) throws Exception {
        Path path = work.resolve("src").resolve(name);
        Files.createDirectories(path.getParent());
        return Files.write(path, content);
    }

    private static List<String> digests(JsonNode descriptors) {
        List<String> out = new ArrayList<>();
        descriptors.forEach(d -> out.add(d.get("digest").asText()));
        return out;
    }

    private String log() {
        synchronized (jibLog) {
            return String.join("\n", jibLog);
        }
    }
}
