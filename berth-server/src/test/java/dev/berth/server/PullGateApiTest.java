package dev.berth.server;

import static dev.berth.server.Fixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.vulndb.OsvFixture;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.ScanStatus;

/**
 * The pull gate (a Berth extension) through a real server: configured with a SigV4-signed PutPullGate, applied on
 * every pull path (/v2/ manifests by tag and digest, GET and HEAD; blob GETs; ECR BatchGetImage and
 * GetDownloadUrlForLayer), with the SBOM referrer still served and an allow-list that opens it.
 */
class PullGateApiTest {
    static TestServer server;
    static EcrClient ecr;
    static BerthApiClient berth;
    static OciClient oci;
    static String image;
    static byte[] appLayer;
    static String sbom;

    @TempDir
    static Path temp;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        ecr = EcrClients.ecr(server);
        berth = new BerthApiClient(server, EcrClients.root());
        oci = new OciClient(server.url());
        assertThat(Main.commandLine().execute("vulndb", "import", "--data-dir", server.dataDir().toString(),
                OsvFixture.writeZip(temp.resolve("all.zip")).toString())).isZero();
        ecr.createRepository(b -> b.repositoryName("gate/app").imageScanningConfiguration(c -> c.scanOnPush(true)));
        byte[] config = ScanImages.config("amd64");
        byte[] base = ScanImages.baseLayer();
        appLayer = ScanImages.appLayer();
        byte[] cleanup = ScanImages.cleanupLayer();
        for (byte[] blob : List.of(config, base, appLayer, cleanup)) {
            oci.pushMonolithic("gate/app", blob);
        }
        image = oci.pushManifest("gate/app", "1.0", ScanImages.manifest(config, base, appLayer, cleanup),
                Fixtures.OCI_MANIFEST);
        ecr.waiter().waitUntilImageScanComplete(b -> b.repositoryName("gate/app").imageId(i -> i.imageDigest(image)),
                o -> o.maxAttempts(300).backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(200))));
        sbom = OciClient.json(oci.http().get("/v2/gate/app/referrers/" + image).body()).get("manifests").get(0)
                .get("digest").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        ecr.close();
        server.close();
    }

    static BerthApiClient.Answer putGate(String repo, String body) {
        return berth.call("PutPullGate", "{\"repositoryName\":\"" + repo + "\"," + body + "}");
    }

    static String errorCode(BerthApiClient.Answer answer) {
        return answer.body().path("__type").asText();
    }

    /** The answers of every pull path for the image: manifest GET/HEAD by tag and digest, and a layer GET. */
    static List<Integer> pullStatuses() {
        return List.of(oci.http().get("/v2/gate/app/manifests/1.0").statusCode(),
                oci.http().get("/v2/gate/app/manifests/" + image).statusCode(),
                oci.http().head("/v2/gate/app/manifests/1.0").statusCode(),
                oci.http().head("/v2/gate/app/manifests/" + image).statusCode(),
                oci.http().get("/v2/gate/app/blobs/" + sha256(appLayer)).statusCode());
    }

    @Test
    void theGateRefusesEveryPullPathWithTheReasonAndTheAllowListOpensIt() {
        assertThat(pullStatuses()).as("no gate yet").containsOnly(200);

        BerthApiClient.Answer put = putGate("gate/app", "\"minimumSeverity\":\"CRITICAL\"");
        assertThat(put.status()).as(put.body().toString()).isEqualTo(200);
        assertThat(put.body().at("/pullGate/minimumSeverity").asText()).isEqualTo("CRITICAL");
        try {
            assertThat(pullStatuses()).containsOnly(403);
            HttpResponse<byte[]> refused = oci.http().get("/v2/gate/app/manifests/1.0");
            JsonNode error = OciClient.json(refused.body()).get("errors").get(0);
            assertThat(error.get("code").asText()).isEqualTo("DENIED");
            assertThat(error.get("message").asText()).isEqualTo("image " + image + " has 3 CRITICAL findings"
                    + " (CVE-2021-44228, CVE-2021-45046, CVE-2023-45853) at or above the repository's gate CRITICAL");

            assertThatThrownBy(() -> ecr.batchGetImage(b -> b.repositoryName("gate/app")
                    .imageIds(i -> i.imageTag("1.0")))).isInstanceOfSatisfying(EcrException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                        assertThat(e.awsErrorDetails().errorMessage()).contains("3 CRITICAL findings");
                    });
            assertThatThrownBy(() -> ecr.getDownloadUrlForLayer(b -> b.repositoryName("gate/app")
                    .layerDigest(sha256(appLayer)))).isInstanceOfSatisfying(EcrException.class, e ->
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));

            assertThat(oci.http().get("/v2/gate/app/manifests/" + sbom).statusCode()).as("the SBOM is not the image")
                    .isEqualTo(200);
            JsonNode sbomManifest = OciClient.json(oci.manifest("gate/app", sbom));
            JsonNode layer = sbomManifest.get("layers").get(0);
            oci.blob("gate/app", layer.get("digest").asText(), layer.get("size").asLong());

            BerthApiClient.Answer allowed = putGate("gate/app", "\"minimumSeverity\":\"CRITICAL\","
                    + "\"allowedFindingIds\":[\"CVE-2021-44228\",\"GHSA-7rjr-3q55-vv33\",\"CVE-2023-45853\"]");
            assertThat(allowed.status()).isEqualTo(200);
            assertThat(pullStatuses()).as("allowed by CVE id and by the advisory's GHSA id").containsOnly(200);
            assertThat(ecr.batchGetImage(b -> b.repositoryName("gate/app").imageIds(i -> i.imageTag("1.0")))
                    .images()).hasSize(1);
            assertThat(ecr.getDownloadUrlForLayer(b -> b.repositoryName("gate/app").layerDigest(sha256(appLayer)))
                    .downloadUrl()).contains("/v2/gate/app/blobs/");

            putGate("gate/app", "\"minimumSeverity\":\"HIGH\",\"allowedFindingIds\":[\"CVE-2021-44228\","
                    + "\"CVE-2021-45046\",\"CVE-2023-45853\"]");
            JsonNode high = OciClient.json(oci.http().get("/v2/gate/app/manifests/1.0").body()).get("errors").get(0);
            assertThat(high.get("message").asText()).isEqualTo("image " + image + " has 3 HIGH findings"
                    + " (CVE-2020-8203, CVE-2021-23337, CVE-2021-45105) at or above the repository's gate HIGH");
        } finally {
            berth.call("DeletePullGate", "{\"repositoryName\":\"gate/app\"}");
        }
        assertThat(pullStatuses()).as("gate removed").containsOnly(200);
    }

    @Test
    void aGateThatRequiresAScanRefusesUnscannedAndUnscannableImages() {
        ecr.createRepository(b -> b.repositoryName("gate/strict"));
        byte[] config = ScanImages.config("amd64");
        byte[] odd = Fixtures.bytes(2048, 3);
        oci.pushMonolithic("gate/strict", config);
        oci.pushMonolithic("gate/strict", odd);
        String digest = oci.pushManifest("gate/strict", "odd", ScanImages.unknownLayerManifest(config, odd),
                Fixtures.OCI_MANIFEST);
        assertThat(putGate("gate/strict", "\"requireScan\":true").status()).isEqualTo(200);

        JsonNode unscanned = OciClient.json(oci.http().get("/v2/gate/strict/manifests/odd").body()).get("errors")
                .get(0);
        assertThat(unscanned.get("message").asText()).isEqualTo("image " + digest + " has not been scanned, and the"
                + " repository's pull gate requires a scan");
        assertThat(oci.http().get("/v2/gate/strict/blobs/" + sha256(odd)).statusCode()).isEqualTo(403);

        ecr.startImageScan(b -> b.repositoryName("gate/strict").imageId(i -> i.imageTag("odd")));
        for (int i = 0; i < 300 && ecr.describeImageScanFindings(b -> b.repositoryName("gate/strict")
                .imageId(id -> id.imageTag("odd"))).imageScanStatus().status() == ScanStatus.IN_PROGRESS; i++) {
            ScanningApiTest.sleep(200);
        }
        JsonNode unscannable = OciClient.json(oci.http().get("/v2/gate/strict/manifests/" + digest).body())
                .get("errors").get(0);
        assertThat(unscannable.get("code").asText()).isEqualTo("DENIED");
        assertThat(unscannable.get("message").asText()).startsWith("image " + digest + " has no completed scan"
                + " (UNSUPPORTED_IMAGE: ");
    }

    @Test
    void theGateExtensionIsValidatedAuthorizedAndAwsShaped() {
        BerthApiClient.Answer missing = berth.call("GetPullGate", "{\"repositoryName\":\"gate/app\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(errorCode(missing)).isEqualTo("PullGateNotFoundException");

        BerthApiClient.Answer empty = putGate("gate/app", "\"requireScan\":false");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(errorCode(empty)).isEqualTo("InvalidParameterException");

        BerthApiClient.Answer badSeverity = putGate("gate/app", "\"minimumSeverity\":\"SEVERE\"");
        assertThat(badSeverity.status()).isEqualTo(400);
        assertThat(errorCode(badSeverity)).isEqualTo("ValidationException");

        BerthApiClient.Answer noRepository = putGate("gate/none", "\"requireScan\":true");
        assertThat(errorCode(noRepository)).isEqualTo("RepositoryNotFoundException");

        BerthApiClient.Answer wrongKey = new BerthApiClient(server, software.amazon.awssdk.auth.credentials
                .AwsBasicCredentials.create(TestServer.ROOT_ACCESS_KEY_ID, "not-the-secret"))
                .call("GetPullGate", "{\"repositoryName\":\"gate/app\"}");
        assertThat(wrongKey.status()).isEqualTo(400);
        assertThat(errorCode(wrongKey)).as("SigV4-authenticated like ECR").isEqualTo("InvalidSignatureException");

        String token = "session-token-" + java.util.Base64.getEncoder().encodeToString(new byte[48]);
        String roleArn;
        String roleId;
        try (var iam = EcrClients.iam(server)) {
            var role = iam.createRole(r -> r.roleName("gate-reader").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                            + "{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"sts:AssumeRole\"}]}")).role();
            roleArn = role.arn();
            roleId = role.roleId();
            iam.putRolePolicy(r -> r.roleName("gate-reader").policyName("read").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                            + "\"berth:GetPullGate\",\"Resource\":\"*\"}]}"));
        }
        // A session as STS writes it (STS itself is tested elsewhere), used here only through signed calls.
        java.time.Instant now = java.time.Instant.now();
        try (var store = dev.berth.metadata.JdbcMetadataStore.sqlite(server.dataDir().resolve("metadata.db"))) {
            store.iamStore().saveSession(new dev.berth.metadata.StsSession("ASIAGATEREADER", "reader-secret",
                    dev.berth.metadata.StsSession.tokenSha256(token),
                    dev.berth.iam.Arn.parse("arn:aws:sts::123456789012:assumed-role/gate-reader/t"),
                    dev.berth.iam.Arn.parse(roleArn), roleId, "t", "t", "", "{}", now, now.plusSeconds(3600)));
        }
        BerthApiClient reader = new BerthApiClient(server, EcrClients.session("ASIAGATEREADER", "reader-secret", token));
        BerthApiClient.Answer denied = reader.call("PutPullGate",
                "{\"repositoryName\":\"gate/app\",\"requireScan\":true}");
        assertThat(errorCode(denied)).as("authorized as berth:PutPullGate").isEqualTo("AccessDeniedException");
        assertThat(denied.body().path("message").asText()).contains("berth:PutPullGate");
        assertThat(errorCode(reader.call("GetPullGate", "{\"repositoryName\":\"gate/app\"}")))
                .as("allowed berth:GetPullGate").isEqualTo("PullGateNotFoundException");
    }
}
