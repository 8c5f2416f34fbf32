package dev.berth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real client, skopeo, copies a multi-arch OCI image layout to Berth and back with {@code --all
 * --preserve-digests}: the image index, both platform manifests, configs and layers come back with identical digests
 * and bytes, and {@code skopeo inspect --raw} returns the index byte for byte. Skipped where skopeo is not on the
 * PATH.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SkopeoCopyTest {
    private static final String CREDS = TestServer.ROOT_ACCESS_KEY_ID + ":" + TestServer.ROOT_SECRET;
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    static TestServer server;
    static OciClient client;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(onPath("skopeo"), "skopeo is not installed");
        server = TestServer.start();
        client = new OciClient(server.url());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void copyMultiArchLayoutToBerthAndBack() throws Exception {
        Path source = work.resolve("source");
        String indexDigest = OciLayout.writeMultiArch(source, "v1", List.of("linux/amd64", "linux/arm64"));
        Map<String, byte[]> sourceBlobs = new OciLayout(source).blobs();
        String remote = "docker://" + server.url().replaceFirst("^http://", "") + "/acme/multi:v1";

        skopeo("copy", "--all", "--preserve-digests", "--dest-tls-verify=false", "--dest-creds", CREDS, "oci:" + source + ":v1", remote);

        // In Berth: the index under the tag, exactly the layout's blobs, each intact.
        assertThat(client.manifest("acme/multi", "v1")).isEqualTo(sourceBlobs.get(indexDigest));
        Set<String> pulled = client.pullVerified("acme/multi", "v1");
        assertThat(pulled).first().isEqualTo(indexDigest);
        assertThat(pulled).containsExactlyInAnyOrderElementsOf(sourceBlobs.keySet());
        JsonNode index = OciClient.json(sourceBlobs.get(indexDigest));
        List<String> platforms = new ArrayList<>();
        index.get("manifests").forEach(m -> platforms.add(m.get("platform").get("os").asText() + "/"
                + m.get("platform").get("architecture").asText()));
        assertThat(platforms).containsExactly("linux/amd64", "linux/arm64");

        byte[] raw = skopeo("inspect", "--raw", "--tls-verify=false", "--creds", CREDS, remote);
        assertThat(raw).as("skopeo inspect --raw").isEqualTo(sourceBlobs.get(indexDigest));

        Path back = work.resolve("back");
        skopeo("copy", "--all", "--preserve-digests", "--src-tls-verify=false", "--src-creds", CREDS, remote, "oci:" + back + ":v1");
        OciLayout copy = new OciLayout(back);
        assertThat(copy.descriptorOf("v1").get("digest").asText()).isEqualTo(indexDigest);
        assertThat(copy.descriptorOf("v1").get("mediaType").asText()).isEqualTo(Fixtures.OCI_INDEX);
        Map<String, byte[]> backBlobs = copy.blobs();
        assertThat(backBlobs.keySet()).containsExactlyElementsOf(sourceBlobs.keySet());
        sourceBlobs.forEach((digest, bytes) -> assertThat(backBlobs.get(digest)).as(digest).isEqualTo(bytes));
    }

    /** Runs skopeo (no signature policy checks) and returns its stdout; fails with its output otherwise. */
    private byte[] skopeo(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("skopeo", "--insecure-policy"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(work, "skopeo", ".out");
        Path err = Files.createTempFile(work, "skopeo", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean exited = process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        String report = String.join(" ", command) + "\n--- stderr\n" + text(err) + "\n--- stdout\n" + text(out);
        assertThat(exited).as("finished within %d s: %s", COMMAND_TIMEOUT_SECONDS, report).isTrue();
        assertThat(process.exitValue()).as(report).isZero();
        return Files.readAllBytes(out);
    }

    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        try (Stream<String> dirs = Stream.of(path.split(File.pathSeparator))) {
            return dirs.filter(d -> !d.isEmpty()).map(d -> Path.of(d, program)).anyMatch(Files::isExecutable);
        }
    }
}
