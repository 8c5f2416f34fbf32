package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.server.Http;
import dev.berth.server.TestServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth copy} within a registry (mounts), between two Berth servers, to and from layouts, to distribution. */
class CopyTest {
    private static TestServer first;
    private static TestServer second;
    private static String firstHost;
    private static String secondHost;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        first = TestServer.start();
        second = TestServer.start();
        firstHost = Cli.hostOf(first);
        secondHost = Cli.hostOf(second);
    }

    @AfterAll
    static void stop() throws Exception {
        first.close();
        second.close();
    }

    private Path config() {
        return Cli.rootConfig(tmp, firstHost, secondHost);
    }

    private TestImages.MultiArch pushed(String repositoryAndTag, Path layout) {
        TestImages.MultiArch image = TestImages.multiArchLayout(layout, "1", 30_000, "linux/amd64", "linux/arm64");
        Cli.Run push = Cli.run("push", "--config", config().toString(), layout.toString(),
                firstHost + "/" + repositoryAndTag);
        assertThat(push.exitCode()).as(push.toString()).isZero();
        return image;
    }

    @Test
    void withinOneRegistryBlobsAreMountedNotCopied() {
        TestImages.MultiArch image = pushed("team/src:1", tmp.resolve("layout"));

        Cli.Run copy = Cli.run("copy", "--config", config().toString(), firstHost + "/team/src:1",
                "docker://" + firstHost + "/team/dst:1");

        assertThat(copy.exitCode()).as(copy.toString()).isZero();
        assertThat(copy.lines("mounted sha256:")).hasSize(5).allMatch(l -> l.endsWith(" from team/src"));
        assertThat(copy.lines("copied sha256:")).isEmpty();
        assertThat(copy.out()).contains(firstHost + "/team/dst:1@" + image.indexDigest());
        assertThat(first.http().get("/v2/team/dst/manifests/1", Map.of("Accept", TestImages.OCI_INDEX))
                .headers().firstValue("Docker-Content-Digest")).hasValue(image.indexDigest());
    }

    @Test
    void betweenTwoServersEveryPlatformArrivesIntact() {
        Path layout = tmp.resolve("layout");
        TestImages.MultiArch image = pushed("team/app:1", layout);

        Cli.Run copy = Cli.run("copy", "--config", config().toString(), firstHost + "/team/app:1",
                secondHost + "/mirror/app:1");
        assertThat(copy.exitCode()).as(copy.toString()).isZero();
        assertThat(copy.lines("copied sha256:")).hasSize(5);
        assertThat(copy.lines("manifest sha256:")).hasSize(3); // two images and the index

        Path pulled = tmp.resolve("pulled");
        assertThat(Cli.run("pull", "--config", config().toString(), secondHost + "/mirror/app:1", pulled.toString())
                .exitCode()).isZero();
        assertBlobsEqual(layout, pulled);
        assertThat(TestImages.json(pulled.resolve("index.json")).get("manifests").get(0).get("digest").asText())
                .isEqualTo(image.indexDigest());
    }

    @Test
    void layoutsAsSourceAndTarget() {
        Path layout = tmp.resolve("layout");
        TestImages.MultiArch image = TestImages.multiArchLayout(layout, "v1", 5_000, "linux/amd64", "linux/arm64");
        Cli.Run in = Cli.run("copy", "--config", config().toString(), "oci:" + layout + ":v1",
                secondHost + "/team/from-layout:v1");
        assertThat(in.exitCode()).as(in.toString()).isZero();

        Path out = tmp.resolve("out");
        Cli.Run back = Cli.run("copy", "--config", config().toString(), secondHost + "/team/from-layout:v1",
                "oci:" + out + ":copied");
        assertThat(back.exitCode()).as(back.toString()).isZero();
        assertBlobsEqual(layout, out);
        assertThat(TestImages.json(out.resolve("index.json")).get("manifests").get(0).path("annotations")
                .path(TestImages.REF_NAME).asText()).isEqualTo("copied");
        assertThat(image.indexDigest()).isNotEmpty();

        Cli.Run toArchive = Cli.run("copy", "oci:" + layout, "docker-archive:" + tmp.resolve("x.tar"));
        assertThat(toArchive.exitCode()).isEqualTo(1);
        assertThat(toArchive.err()).contains("docker-archive: can only be a source");
    }

    /** "Any OCI registry": CNCF distribution (Debian's docker-registry), plain HTTP, no auth, chunked uploads. */
    @Test
    void toTheReferenceRegistry() throws Exception {
        Path binary = Path.of("/usr/bin/docker-registry");
        Assumptions.assumeTrue(Files.isExecutable(binary), "docker-registry (CNCF distribution) is not installed");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path config = tmp.resolve("registry.yml");
        Files.writeString(config, "version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: "
                + tmp.resolve("distribution-data") + "\nhttp:\n  addr: 127.0.0.1:" + port + "\n");
        Process registry = new ProcessBuilder(binary.toString(), "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("registry.log").toFile()).start();
        try {
            String distribution = "127.0.0.1:" + port;
            Http http = new Http("http://" + distribution);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> http.get("/v2/").statusCode() == 200);
            Path layout = tmp.resolve("layout");
            TestImages.MultiArch image = TestImages.multiArchLayout(layout, "1", 200_000, "linux/amd64",
                    "linux/arm64");
            assertThat(Cli.run("push", "--config", config().toString(), layout.toString(),
                    firstHost + "/team/upstream:1").exitCode()).isZero();

            Cli.Run copy = Cli.run("copy", "--config", config().toString(), "--chunk-size", "64KiB",
                    firstHost + "/team/upstream:1", distribution + "/library/app:1");
            assertThat(copy.exitCode()).as(copy.toString()).isZero();
            assertThat(copy.lines("copied sha256:")).hasSize(5);

            Path pulled = tmp.resolve("pulled");
            Cli.Run pull = Cli.run("pull", "--config", config().toString(), distribution + "/library/app:1",
                    pulled.toString());
            assertThat(pull.exitCode()).as(pull.toString()).isZero();
            assertBlobsEqual(layout, pulled);
            assertThat(TestImages.json(pulled.resolve("index.json")).get("manifests").get(0).get("digest").asText())
                    .isEqualTo(image.indexDigest());
        } finally {
            registry.destroy();
            registry.waitFor();
        }
    }

    private static void assertBlobsEqual(Path expectedLayout, Path actualLayout) {
        Map<String, byte[]> expected = TestImages.blobs(expectedLayout);
        Map<String, byte[]> actual = TestImages.blobs(actualLayout);
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((path, bytes) -> assertThat(actual.get(path)).as(path).isEqualTo(bytes));
    }

}
