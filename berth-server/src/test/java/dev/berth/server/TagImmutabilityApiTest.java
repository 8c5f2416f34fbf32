package dev.berth.server;

import static dev.berth.server.BlobApiTest.assertError;
import static dev.berth.server.Fixtures.OCI_MANIFEST;
import static dev.berth.server.Fixtures.bytes;
import static dev.berth.server.Fixtures.manifest;
import static dev.berth.server.Fixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.metadata.EncryptionConfiguration;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.TagMutability;
import dev.berth.oci.TagMutability.Mode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tag immutability on the /v2/ manifest PUT, over real HTTP. Repositories are configured through the server's
 * repository service, as the ECR API (CreateRepository, PutImageTagMutability) will configure them.
 */
class TagImmutabilityApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static TestServer server;
    static Http http;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = server.http();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void anImmutableRepositoryRefusesToRetagEvenWithTheSameDigest() throws Exception {
        String repo = create("imm/same", TagMutability.IMMUTABLE);
        byte[] first = image(repo, 1);
        byte[] second = image(repo, 2);
        assertThat(putManifest(repo, "v1", first).statusCode()).isEqualTo(201);

        for (byte[] again : List.of(second, first)) {
            HttpResponse<byte[]> refused = putManifest(repo, "v1", again);
            assertError(refused, 400, "TAG_INVALID");
            JsonNode error = JSON.readTree(refused.body()).get("errors").get(0);
            assertThat(error.get("message").asText()).isEqualTo("The image tag 'v1' already exists in the"
                    + " 'imm/same' repository and cannot be overwritten because the tag is immutable.");
            assertThat(error.get("detail").asText()).isEqualTo("v1");
        }

        assertThat(http.get("/v2/" + repo + "/manifests/v1").body()).isEqualTo(first);
        assertError(http.get("/v2/" + repo + "/manifests/" + sha256(second)), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void pushingByDigestAndNewTagsAreFineAndADeletedTagMayComeBack() {
        String repo = create("imm/digest", TagMutability.IMMUTABLE);
        byte[] first = image(repo, 3);
        byte[] rebuilt = image(repo, 4);

        assertThat(putManifest(repo, sha256(first), first).statusCode()).isEqualTo(201);
        assertThat(putManifest(repo, sha256(first), first).statusCode()).isEqualTo(201);
        assertThat(putManifest(repo, "v1", first).statusCode()).isEqualTo(201);
        assertThat(putManifest(repo, "v2", first).statusCode()).isEqualTo(201);
        assertThat(http.delete("/v2/" + repo + "/manifests/v1").statusCode()).isEqualTo(202);
        assertThat(putManifest(repo, "v1", rebuilt).statusCode()).isEqualTo(201);

        assertThat(http.get("/v2/" + repo + "/manifests/v1").body()).isEqualTo(rebuilt);
        assertThat(http.get("/v2/" + repo + "/manifests/v2").body()).isEqualTo(first);
    }

    @Test
    void exclusionFiltersKeepLatestAndDevTagsMutable() {
        String repo = create("imm/except", TagMutability.of(Mode.IMMUTABLE_WITH_EXCLUSION, "latest", "dev-*"));
        byte[] first = image(repo, 5);
        byte[] second = image(repo, 6);
        for (String tag : List.of("latest", "dev-feature-1", "v1.0.0")) {
            assertThat(putManifest(repo, tag, first).statusCode()).isEqualTo(201);
        }

        assertThat(putManifest(repo, "latest", second).statusCode()).isEqualTo(201);
        assertThat(putManifest(repo, "dev-feature-1", second).statusCode()).isEqualTo(201);
        assertError(putManifest(repo, "v1.0.0", second), 400, "TAG_INVALID");

        assertThat(http.get("/v2/" + repo + "/manifests/latest").body()).isEqualTo(second);
        assertThat(http.get("/v2/" + repo + "/manifests/dev-feature-1").body()).isEqualTo(second);
        assertThat(http.get("/v2/" + repo + "/manifests/v1.0.0").body()).isEqualTo(first);
    }

    @Test
    void mutableWithExclusionFreezesOnlyTheMatchingTags() {
        String repo = create("imm/mostly-mutable", TagMutability.of(Mode.MUTABLE_WITH_EXCLUSION, "release-*"));
        byte[] first = image(repo, 7);
        byte[] second = image(repo, 8);
        for (String tag : List.of("latest", "release-2026.11")) {
            assertThat(putManifest(repo, tag, first).statusCode()).isEqualTo(201);
        }

        assertThat(putManifest(repo, "latest", second).statusCode()).isEqualTo(201);
        assertError(putManifest(repo, "release-2026.11", second), 400, "TAG_INVALID");
        assertError(putManifest(repo, "release-2026.11", first), 400, "TAG_INVALID");
        assertThat(http.get("/v2/" + repo + "/manifests/release-2026.11").body()).isEqualTo(first);
    }

    @Test
    void aRepositoryCreatedByAPushBecomesImmutableWhenSetSo() {
        String repo = "imm/later";
        byte[] first = image(repo, 9);
        byte[] second = image(repo, 10);
        assertThat(putManifest(repo, "latest", first).statusCode()).isEqualTo(201);
        assertThat(putManifest(repo, "latest", second).statusCode()).isEqualTo(201);

        server.repositories().putTagMutability(RepositoryName.parse(repo), TagMutability.IMMUTABLE);
        assertError(putManifest(repo, "latest", first), 400, "TAG_INVALID");

        server.repositories().putTagMutability(RepositoryName.parse(repo), TagMutability.MUTABLE);
        assertThat(putManifest(repo, "latest", first).statusCode()).isEqualTo(201);
    }

    @Test
    void ofSixteenConcurrentPushesOfOneNewTagExactlyOneWinsInEachOfTwentyRounds() throws Exception {
        int threads = 16;
        int rounds = 20;
        String repo = create("imm/race", TagMutability.IMMUTABLE);
        List<byte[]> candidates = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            candidates.add(image(repo, 100 + t));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int r = 0; r < rounds; r++) {
                String tag = "build-" + r;
                CountDownLatch start = new CountDownLatch(1);
                List<Callable<HttpResponse<byte[]>>> pushers = new ArrayList<>();
                for (byte[] candidate : candidates) {
                    pushers.add(() -> {
                        start.await();
                        return putManifest(repo, tag, candidate);
                    });
                }
                List<Future<HttpResponse<byte[]>>> results = pushers.stream().map(pool::submit).toList();
                start.countDown();
                List<String> winners = new ArrayList<>();
                for (Future<HttpResponse<byte[]>> result : results) {
                    HttpResponse<byte[]> response = result.get(2, TimeUnit.MINUTES);
                    if (response.statusCode() == 201) {
                        winners.add(response.headers().firstValue("Docker-Content-Digest").orElseThrow());
                    } else {
                        assertError(response, 400, "TAG_INVALID");
                    }
                }
                assertThat(winners).as("201s in round %d", r).hasSize(1);
                assertThat(http.head("/v2/" + repo + "/manifests/" + tag).headers()
                        .firstValue("Docker-Content-Digest")).hasValue(winners.getFirst());
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode tags = JSON.readTree(http.get("/v2/" + repo + "/tags/list").body()).get("tags");
        assertThat(tags).hasSize(rounds);
    }

    // ---- fixtures

    private static String create(String name, TagMutability mutability) {
        server.repositories().create(RepositoryName.parse(name), mutability, false, EncryptionConfiguration.AES256,
                List.of());
        return name;
    }

    /** Pushes a config and a layer and returns an image manifest over them, distinct per seed. */
    private static byte[] image(String repo, long seed) {
        byte[] config = ("{\"seed\":" + seed + "}").getBytes(StandardCharsets.UTF_8);
        byte[] layer = bytes(512, seed);
        for (byte[] blob : List.of(config, layer)) {
            assertThat(http.post("/v2/" + repo + "/blobs/uploads/?digest=" + sha256(blob), blob).statusCode())
                    .isEqualTo(201);
        }
        return manifest(config, null, null, layer);
    }

    private static HttpResponse<byte[]> putManifest(String repo, String reference, byte[] manifest) {
        return http.put("/v2/" + repo + "/manifests/" + reference, manifest, OCI_MANIFEST);
    }
}
