package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.server.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth push} and {@code berth pull} against a running Berth, in-process through picocli. */
class PushPullTest {
    private static TestServer server;
    private static String host;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        host = Cli.hostOf(server);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private Path config() {
        return Cli.rootConfig(tmp, host);
    }

    @Test
    void pushedMultiPlatformLayoutPullsBackByteIdentical() {
        Path source = tmp.resolve("source");
        TestImages.MultiArch image = TestImages.multiArchLayout(source, "1.0", 50_000, "linux/amd64", "linux/arm64");

        Cli.Run push = Cli.run("push", "--config", config().toString(), source.toString(), host + "/team/multi:1.0");
        assertThat(push.exitCode()).as(push.toString()).isZero();
        // 2 configs + 2 own layers + the shared base once: each digest transferred exactly once
        assertThat(push.lines("pushed sha256:")).hasSize(5);
        assertThat(push.lines("pushed " + image.sharedLayer())).hasSize(1);
        assertThat(push.out()).contains(host + "/team/multi:1.0@" + image.indexDigest());

        Path pulled = tmp.resolve("pulled");
        Cli.Run pull = Cli.run("pull", "--config", config().toString(), host + "/team/multi:1.0", pulled.toString());
        assertThat(pull.exitCode()).as(pull.toString()).isZero();
        Map<String, byte[]> expected = TestImages.blobs(source);
        Map<String, byte[]> actual = TestImages.blobs(pulled);
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((path, bytes) -> assertThat(actual.get(path)).as(path).isEqualTo(bytes));
        JsonNode entry = TestImages.json(pulled.resolve("index.json")).get("manifests").get(0);
        assertThat(entry.get("digest").asText()).isEqualTo(image.indexDigest());
        assertThat(entry.get("mediaType").asText()).isEqualTo(TestImages.OCI_INDEX);
        assertThat(entry.path("annotations").path(TestImages.REF_NAME).asText()).isEqualTo("1.0");
        assertThat(TestImages.json(pulled.resolve("oci-layout")).get("imageLayoutVersion").asText()).isEqualTo("1.0.0");

        // pulling again into the same layout moves no blob
        Cli.Run again = Cli.run("pull", "--config", config().toString(), host + "/team/multi:1.0", pulled.toString());
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.lines("skipped sha256:")).hasSize(5);
        assertThat(again.lines("pulled sha256:")).isEmpty();

        // by digest: the same content, named in index.json by nothing, beside the tagged entry
        Cli.Run byDigest = Cli.run("pull", "--config", config().toString(), host + "/team/multi@" + image.indexDigest(),
                pulled.toString());
        assertThat(byDigest.exitCode()).as(byDigest.toString()).isZero();
        JsonNode entries = TestImages.json(pulled.resolve("index.json")).get("manifests");
        assertThat(entries).hasSize(2);
        assertThat(entries.get(1).get("digest").asText()).isEqualTo(image.indexDigest());
        assertThat(entries.get(1).has("annotations")).isFalse();
        assertThat(TestImages.blobs(pulled).keySet()).isEqualTo(expected.keySet());
    }

    /** Layouts are interchangeable with a real client's: skopeo reads what pull wrote, push reads what skopeo wrote. */
    @Test
    void layoutsInteroperateWithSkopeo() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/skopeo")), "skopeo is not installed");
        Path source = tmp.resolve("source");
        TestImages.MultiArch image = TestImages.multiArchLayout(source, "1.0", 5_000, "linux/amd64", "linux/arm64");
        assertThat(Cli.run("push", "--config", config().toString(), source.toString(), host + "/team/interop:1.0")
                .exitCode()).isZero();
        Path pulled = tmp.resolve("pulled");
        assertThat(Cli.run("pull", "--config", config().toString(), host + "/team/interop:1.0", pulled.toString())
                .exitCode()).isZero();

        Path bySkopeo = tmp.resolve("by-skopeo");
        Process skopeo = new ProcessBuilder("/usr/bin/skopeo", "copy", "--all", "oci:" + pulled + ":1.0",
                "oci:" + bySkopeo + ":2.0").redirectErrorStream(true).start();
        String log = new String(skopeo.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(skopeo.waitFor()).as(log).isZero();

        Cli.Run push = Cli.run("push", "--config", config().toString(), bySkopeo.toString(), host + "/team/interop:2.0");
        assertThat(push.exitCode()).as(push.toString()).isZero();
        assertThat(push.lines("skipped sha256:")).hasSize(5); // the same blobs, already in the repository
        assertThat(push.out()).contains(host + "/team/interop:2.0@" + image.indexDigest());
    }

    @Test
    void pullOfOnePlatformWritesOnlyThatImage() {
        Path source = tmp.resolve("source");
        TestImages.MultiArch image = TestImages.multiArchLayout(source, "2.0", 10_000, "linux/amd64", "linux/arm64");
        assertThat(Cli.run("push", "--config", config().toString(), source.toString(), host + "/team/plat:2.0")
                .exitCode()).isZero();

        Path pulled = tmp.resolve("arm");
        Cli.Run pull = Cli.run("pull", "--config", config().toString(), "--platform", "linux/arm64",
                host + "/team/plat:2.0", pulled.toString());
        assertThat(pull.exitCode()).as(pull.toString()).isZero();
        JsonNode entry = TestImages.json(pulled.resolve("index.json")).get("manifests").get(0);
        String armManifest = image.manifestByPlatform().get("linux/arm64");
        assertThat(entry.get("digest").asText()).isEqualTo(armManifest);
        assertThat(entry.path("annotations").path(TestImages.REF_NAME).asText()).isEqualTo("2.0");
        // the arm64 manifest, its config, its own layer and the shared layer: nothing of amd64, no index
        assertThat(TestImages.blobs(pulled)).hasSize(4)
                .doesNotContainKey("blobs/sha256/" + image.indexDigest().substring(7))
                .doesNotContainKey("blobs/sha256/" + image.manifestByPlatform().get("linux/amd64").substring(7));

        Cli.Run missing = Cli.run("pull", "--config", config().toString(), "--platform", "linux/s390x",
                host + "/team/plat:2.0", tmp.resolve("none").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("has no image for linux/s390x").contains("linux/amd64, linux/arm64");
    }

    @Test
    void existingBlobsAreSkippedAndMountFromMountsThem() {
        Path source = tmp.resolve("single");
        String layer = TestImages.singleImageLayout(source, "1", 20_000, 41);
        assertThat(Cli.run("push", "--config", config().toString(), source.toString(), host + "/team/base:1")
                .exitCode()).isZero();

        Cli.Run mounted = Cli.run("push", "--config", config().toString(), "--mount-from", "team/base",
                source.toString(), host + "/team/derived:1");
        assertThat(mounted.exitCode()).as(mounted.toString()).isZero();
        assertThat(mounted.lines("mounted " + layer + " from team/base")).hasSize(1);
        assertThat(mounted.lines("mounted sha256:")).hasSize(2); // the layer and the config
        assertThat(mounted.lines("pushed sha256:")).isEmpty();
        assertThat(server.http().head("/v2/team/derived/blobs/" + layer).statusCode()).isEqualTo(200);

        Cli.Run skipped = Cli.run("push", "--config", config().toString(), source.toString(), host + "/team/derived:1");
        assertThat(skipped.exitCode()).as(skipped.toString()).isZero();
        assertThat(skipped.lines("skipped " + layer + " (exists)")).hasSize(1);
        assertThat(skipped.lines("pushed sha256:")).isEmpty();
        assertThat(skipped.out()).contains("0 blobs transferred (0 B sent), 2 skipped, 0 mounted");
    }

    @Test
    void legacyDockerArchivePushesItsUncompressedLayersAsTheyAre() {
        TestImages.Archive archive = TestImages.legacyDockerArchive(tmp.resolve("save.tar"), "app:1.0");
        Cli.Run push = Cli.run("push", "--config", config().toString(), archive.file().toString(),
                host + "/team/archive:1.0");
        assertThat(push.exitCode()).as(push.toString()).isZero();

        JsonNode manifest = manifest("team/archive", "1.0");
        assertThat(manifest.get("mediaType").asText()).isEqualTo(TestImages.OCI_MANIFEST);
        assertThat(manifest.get("config").get("digest").asText()).isEqualTo(archive.configDigest());
        assertThat(manifest.get("layers")).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode layer = manifest.get("layers").get(i);
            byte[] original = archive.layers().get(i);
            assertThat(layer.get("mediaType").asText()).isEqualTo("application/vnd.oci.image.layer.v1.tar");
            assertThat(layer.get("digest").asText()).isEqualTo(TestImages.sha256(original)); // = the diff_id
            assertThat(server.http().get("/v2/team/archive/blobs/" + layer.get("digest").asText()).body())
                    .isEqualTo(original);
        }
    }

    @Test
    void dockerArchiveWithAnOciLayoutInsideKeepsItsManifest() {
        TestImages.Archive archive = TestImages.ociDockerArchive(tmp.resolve("save25.tar"), "tool:2.1");
        Cli.Run push = Cli.run("push", "--config", config().toString(), archive.file().toString(),
                host + "/team/tool:2.1");
        assertThat(push.exitCode()).as(push.toString()).isZero();
        JsonNode manifest = manifest("team/tool", "2.1");
        assertThat(manifest.get("config").get("digest").asText()).isEqualTo(archive.configDigest());
        assertThat(manifest.get("layers").get(0).get("digest").asText())
                .isEqualTo(TestImages.sha256(archive.layers().get(0)));

        Path pulled = tmp.resolve("pulled");
        assertThat(Cli.run("pull", "--config", config().toString(), host + "/team/tool:2.1", pulled.toString())
                .exitCode()).isZero();
        assertThat(TestImages.blobs(pulled)).containsKey("blobs/sha256/"
                + TestImages.sha256(archive.layers().get(0)).substring(7));
    }

    @Test
    void wrongOrMissingCredentialsFailWithWhatToDo() {
        Path wrong = Cli.dockerConfig(tmp, Map.of(host, new String[] {TestServer.ROOT_ACCESS_KEY_ID, "not-the-secret"}));
        Cli.Run denied = Cli.run("pull", "--config", wrong.toString(), host + "/team/multi:1.0",
                tmp.resolve("x").toString());
        assertThat(denied.exitCode()).isEqualTo(1);
        assertThat(denied.err()).startsWith("berth pull: cannot get the manifest team/multi:1.0")
                .contains("refused the credentials (HTTP 401").contains("berth login").contains(wrong.toString());

        Path empty = Cli.dockerConfig(tmp, Map.of());
        Path source = tmp.resolve("single");
        TestImages.singleImageLayout(source, "1", 100, 1);
        Cli.Run anonymous = Cli.run("push", "--config", empty.toString(), source.toString(), host + "/team/anon:1");
        assertThat(anonymous.exitCode()).isEqualTo(1);
        assertThat(anonymous.err()).contains("No credentials for " + host).contains("berth login");
    }

    @Test
    void missingImageOrRepositorySaysSo() {
        Cli.Run noRepo = Cli.run("pull", "--config", config().toString(), host + "/team/nothing-here:1",
                tmp.resolve("a").toString());
        assertThat(noRepo.exitCode()).isEqualTo(1);
        assertThat(noRepo.err()).contains("team/nothing-here:1").containsAnyOf("no such image",
                "the repository does not exist");

        Path source = tmp.resolve("single");
        TestImages.singleImageLayout(source, "1", 100, 2);
        assertThat(Cli.run("push", "--config", config().toString(), source.toString(), host + "/team/present:1")
                .exitCode()).isZero();
        Cli.Run noTag = Cli.run("pull", "--config", config().toString(), host + "/team/present:2",
                tmp.resolve("b").toString());
        assertThat(noTag.exitCode()).isEqualTo(1);
        assertThat(noTag.err()).contains("no such image").contains("MANIFEST_UNKNOWN");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(Cli.run("pull", "Not A Reference", tmp.toString()).exitCode()).isEqualTo(2);
        assertThat(Cli.run("push", tmp.toString()).exitCode()).isEqualTo(2);
        Cli.Run notAnImage = Cli.run("push", "--config", config().toString(), tmp.toString(), host + "/team/x:1");
        assertThat(notAnImage.exitCode()).isEqualTo(1);
        assertThat(notAnImage.err()).contains("neither an OCI image layout");
    }

    private static JsonNode manifest(String repository, String reference) {
        HttpResponse<byte[]> r = server.http().get("/v2/" + repository + "/manifests/" + reference,
                Map.of("Accept", TestImages.OCI_MANIFEST + ", " + TestImages.OCI_INDEX));
        assertThat(r.statusCode()).isEqualTo(200);
        return TestImages.json(r.body());
    }
}
