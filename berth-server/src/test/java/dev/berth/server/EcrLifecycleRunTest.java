package dev.berth.server;

import static dev.berth.server.Fixtures.OCI_INDEX;
import static dev.berth.server.Fixtures.OCI_MANIFEST;
import static dev.berth.server.Fixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.metadata.AuditEvent;
import dev.berth.iam.Arn;
import dev.berth.metadata.JdbcMetadataStore;
import dev.berth.metadata.StsSession;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkGlobalTime;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyPreviewResponse;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewResult;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Lifecycle execution end to end: the seeds' policy over images pushed with /v2/, previewed and run on demand
 * through the real ECR client and Berth's signed extension operations; exactly the previewed images leave every read
 * path, with their audit events and {@code lastEvaluatedAt}; restore within the window; deletion after it; and the
 * scheduled sweep running by itself.
 */
class EcrLifecycleRunTest {
    /** The seeds' policy (/work/shared/seeds: "keep last 10 tagged v images, remove untagged after 7 days"). */
    static final String SEED_POLICY = """
            {"rules": [
              {"rulePriority": 1, "description": "Keep last 10 tagged images",
               "selection": {"tagStatus": "tagged", "tagPrefixList": ["v"], "countType": "imageCountMoreThan",
                             "countNumber": 10},
               "action": {"type": "expire"}},
              {"rulePriority": 2, "description": "Remove untagged images after 7 days",
               "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days",
                             "countNumber": 7},
               "action": {"type": "expire"}}
            ]}""";
    static final String ECR = "AmazonEC2ContainerRegistry_V20150921.";
    static final String BERTH = "Berth_20261122.";
    static final String REPO = "lc/run";

    @Test
    void seedPolicyRunExpiresExactlyThePreviewCanBeRestoredAndIsDeletedAfterTheWindow() throws Exception {
        try (TestServer server = TestServer.start(false, Duration.ZERO)) {
            Http http = server.http();
            Map<String, String> d = new LinkedHashMap<>();
            Map<String, Long> bytes = new HashMap<>();
            try (EcrClient ecr = EcrClients.ecr(server)) {
                ecr.createRepository(r -> r.repositoryName(REPO));
                ecr.createRepository(r -> r.repositoryName("lc/other"));
                pushImages(http, d, bytes);
                ecr.putLifecyclePolicy(r -> r.repositoryName(REPO).lifecyclePolicyText(SEED_POLICY));
            }
            // Eight days on: the untagged image is past 7 days; the 12 v* images are as before.
            Duration offset = Duration.ofDays(8);
            server.restart(offset);
            SignedJson signed = new SignedJson(server.url(), EcrClients.root(), offset);
            try (EcrClient ecr = skewCorrecting(server)) {
                Set<String> expiring = previewAndRun(server, ecr, signed, d, bytes);
                restoreWithinTheWindow(http, signed, d);
                ecr.deleteLifecyclePolicy(r -> r.repositoryName(REPO));
                assertThat(expiring).contains(d.get("untagged"));
            } finally {
                SdkGlobalTime.setGlobalTimeOffset(0);
            }

            // Sixteen days on, with the sweep switched on: it runs at start and deletes what passed its window.
            Duration later = Duration.ofDays(16);
            server.restart(later, Duration.ofHours(24));
            SignedJson signedLater = new SignedJson(server.url(), EcrClients.root(), later);
            await("expired images deleted after the window").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200)).until(() -> signedLater.call(BERTH + "ListExpiredImages",
                            Map.of("repositoryName", REPO)).body().path("expiredImages").isEmpty());
            JsonNode tooLate = signedLater.call(BERTH + "RestoreExpiredImages", Map.of("repositoryName", REPO,
                    "imageIds", List.of(Map.of("imageDigest", d.get("untagged"))))).body();
            assertThat(tooLate.path("failures").get(0).path("failureCode").asText()).isEqualTo("ImageNotFound");
            assertThat(tooLate.path("restoredImages")).isEmpty();
            assertThat(http.get("/v2/" + REPO + "/manifests/" + d.get("untagged")).statusCode()).isEqualTo(404);
            List<AuditEvent> deleted = audit(server, "lifecycle:DeleteExpiredImage");
            assertThat(deleted).extracting(e -> e.target().orElseThrow())
                    .containsExactly(d.get("untagged"));
            assertThat(deleted).extracting(AuditEvent::actor).containsOnly("berth:lifecycle");
        }
    }

    /**
     * 12 images tagged v1..v12 (v1 identical to an image of lc/other, so its blobs and manifest bytes are shared),
     * an untagged image, a multi-arch index tagged {@code stable} over two untagged children, a signature of v1 and
     * one of v12.
     */
    private static void pushImages(Http http, Map<String, String> d, Map<String, Long> bytes) throws Exception {
        for (int i = 1; i <= 12; i++) {
            byte[] manifest = EcrClients.image(http, REPO, i, 100);
            d.put("v" + i, push(http, REPO, "v" + i, manifest, OCI_MANIFEST));
            bytes.put("v" + i, manifest.length + configLength(i) + 100L);
            Thread.sleep(5);   // distinct push times: "the last 10" is by push time
        }
        push(http, "lc/other", "same-as-v1", EcrClients.image(http, "lc/other", 1, 100), OCI_MANIFEST);
        byte[] untagged = EcrClients.image(http, REPO, 50, 100);
        d.put("untagged", push(http, REPO, null, untagged, OCI_MANIFEST));
        bytes.put("untagged", untagged.length + configLength(50) + 100L);
        byte[] amd64 = EcrClients.image(http, REPO, 20, 100);
        byte[] arm64 = EcrClients.image(http, REPO, 21, 100);
        d.put("amd64", push(http, REPO, null, amd64, OCI_MANIFEST));
        d.put("arm64", push(http, REPO, null, arm64, OCI_MANIFEST));
        d.put("stable", push(http, REPO, "stable", Fixtures.index(amd64, arm64), OCI_INDEX));
        for (String subject : List.of("v1", "v12")) {
            byte[] config = ("{\"sig\":\"" + subject + "\"}").getBytes(StandardCharsets.UTF_8);
            byte[] layer = ("signature-of-" + subject).getBytes(StandardCharsets.UTF_8);
            EcrClients.pushBlob(http, REPO, config);
            EcrClients.pushBlob(http, REPO, layer);
            byte[] manifestOfSubject = http.get("/v2/" + REPO + "/manifests/" + subject).body();
            byte[] signature = Fixtures.manifest(config, "application/vnd.dev.cosign.artifact.sig.v1+json",
                    Fixtures.descriptor(OCI_MANIFEST, manifestOfSubject), layer);
            d.put("sig-" + subject, push(http, REPO, null, signature, OCI_MANIFEST));
            bytes.put("sig-" + subject, (long) signature.length + config.length + layer.length);
        }
    }

    private static long configLength(int seed) {
        return ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":" + seed + "}").length();
    }

    /** Preview, run on demand, and check that exactly the previewed images left. Returns their digests. */
    private static Set<String> previewAndRun(TestServer server, EcrClient ecr, SignedJson signed,
                                             Map<String, String> d, Map<String, Long> bytes) {
        ecr.startLifecyclePolicyPreview(r -> r.repositoryName(REPO));
        GetLifecyclePolicyPreviewResponse preview = ecr.getLifecyclePolicyPreview(r -> r.repositoryName(REPO));
        Map<String, Integer> previewed = preview.previewResults().stream().collect(Collectors.toMap(
                LifecyclePolicyPreviewResult::imageDigest, LifecyclePolicyPreviewResult::appliedRulePriority));
        assertThat(previewed).containsOnly(Map.entry(d.get("v1"), 1), Map.entry(d.get("v2"), 1),
                Map.entry(d.get("sig-v1"), 1), Map.entry(d.get("untagged"), 2));
        // The extension member, read from the raw answer (the SDK above parsed it and ignored it): v1's blobs and
        // manifest bytes are shared with lc/other, so only v2, the untagged image and v1's signature free bytes.
        JsonNode raw = signed.call(ECR + "GetLifecyclePolicyPreview", Map.of("repositoryName", REPO)).body();
        assertThat(raw.path("summary").path("berthReclaimableBytes").asLong())
                .isEqualTo(bytes.get("v2") + bytes.get("untagged") + bytes.get("sig-v1"));

        Set<String> before = imageIds(ecr);
        Instant runAsked = Instant.now().plus(Duration.ofDays(8)).minusSeconds(60);
        SignedJson.Answer started = signed.call(BERTH + "StartLifecyclePolicyRun", Map.of("repositoryName", REPO));
        assertThat(started.status()).isEqualTo(200);
        long runId = started.body().path("runId").asLong();
        JsonNode run = await("run " + runId).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> signed.call(BERTH + "DescribeLifecyclePolicyRun", Map.of("repositoryName", REPO,
                        "runId", runId)).body(), b -> b.path("status").asText().equals("COMPLETE"));
        assertThat(run.path("expiredImageCount").asInt()).isEqualTo(4);
        assertThat(run.path("skippedImageCount").asInt()).isZero();

        // exactly the previewed images are gone from the listings, and nothing else
        Set<String> expected = new HashSet<>(before);
        expected.removeIf(id -> previewed.containsKey(id.split(" ")[0]));
        assertThat(imageIds(ecr)).isEqualTo(expected);
        assertThat(before).hasSize(expected.size() + 4);   // v1, v2, the untagged image and v1's signature
        // ... and from every other read path
        for (String gone : List.of("v1", "v2")) {
            assertThat(server.http().get("/v2/" + REPO + "/manifests/" + gone).statusCode()).isEqualTo(404);
            assertThat(ecr.batchGetImage(r -> r.repositoryName(REPO).imageIds(ImageIdentifier.builder()
                    .imageTag(gone).build())).failures()).hasSize(1);
        }
        for (String digest : previewed.keySet()) {
            assertThat(server.http().get("/v2/" + REPO + "/manifests/" + digest).statusCode()).isEqualTo(404);
        }
        assertThat(Http.text(server.http().get("/v2/" + REPO + "/referrers/" + d.get("v1"))))
                .doesNotContain(d.get("sig-v1"));
        assertThat(Http.text(server.http().get("/v2/" + REPO + "/tags/list"))).doesNotContain("\"v1\"", "\"v2\"")
                .contains("\"v3\"", "\"stable\"");
        for (String kept : List.of("amd64", "arm64", "stable", "sig-v12", "v3", "v12")) {
            assertThat(server.http().get("/v2/" + REPO + "/manifests/" + d.get(kept)).statusCode())
                    .as(kept).isEqualTo(200);
        }
        assertThat(ecr.getLifecyclePolicy(r -> r.repositoryName(REPO)).lastEvaluatedAt()).isAfter(runAsked);

        List<AuditEvent> events = audit(server, "lifecycle:ExpireImage");
        assertThat(events).extracting(e -> e.target().orElseThrow())
                .containsExactlyInAnyOrderElementsOf(previewed.keySet());
        assertThat(events).extracting(AuditEvent::actor).containsOnly("berth:lifecycle");
        AuditEvent v1 = events.stream().filter(e -> e.target().orElseThrow().equals(d.get("v1"))).findFirst()
                .orElseThrow();
        JsonNode detail = json(v1.detail());
        assertThat(detail.path("rulePriority").asInt()).isEqualTo(1);
        assertThat(detail.path("ruleDescription").asText()).isEqualTo("Keep last 10 tagged images");
        assertThat(detail.path("reason").asText()).contains("rule 1");
        assertThat(detail.path("tags").toString()).isEqualTo("[\"v1\"]");
        assertThat(detail.path("runId").asLong()).isPositive();
        return previewed.keySet();
    }

    /** Restores v1 (with its signature) and v2, whose tag was pushed again meanwhile and stays on the new image. */
    private static void restoreWithinTheWindow(Http http, SignedJson signed, Map<String, String> d) {
        JsonNode listed = signed.call(BERTH + "ListExpiredImages", Map.of("repositoryName", REPO)).body();
        assertThat(listed.path("expiredImages")).hasSize(4);
        String newV2 = push(http, REPO, "v2", EcrClients.image(http, REPO, 99, 100), OCI_MANIFEST);
        d.put("old-v2", d.get("v2"));

        JsonNode restored = signed.call(BERTH + "RestoreExpiredImages", Map.of("repositoryName", REPO,
                "imageIds", List.of(Map.of("imageDigest", d.get("v1")), Map.of("imageDigest", d.get("v2"))))).body();
        List<String> back = new ArrayList<>();
        restored.path("restoredImages").forEach(i -> back.add(i.path("imageDigest").asText()));
        assertThat(back).containsExactlyInAnyOrder(d.get("v1"), d.get("sig-v1"), d.get("v2"));
        assertThat(restored.path("restoredTags").toString()).isEqualTo("[\"v1\"]");
        assertThat(restored.path("tagsKept").get(0).path("imageTag").asText()).isEqualTo("v2");
        assertThat(restored.path("tagsKept").get(0).path("imageDigest").asText()).isEqualTo(newV2);

        assertThat(sha256(http.get("/v2/" + REPO + "/manifests/v1").body())).isEqualTo(d.get("v1"));
        assertThat(sha256(http.get("/v2/" + REPO + "/manifests/v2").body())).isEqualTo(newV2);
        assertThat(http.get("/v2/" + REPO + "/manifests/" + d.get("old-v2")).statusCode()).isEqualTo(200);
        assertThat(Http.text(http.get("/v2/" + REPO + "/referrers/" + d.get("v1")))).contains(d.get("sig-v1"));
        JsonNode still = signed.call(BERTH + "ListExpiredImages", Map.of("repositoryName", REPO)).body();
        assertThat(still.path("expiredImages")).hasSize(1);
        assertThat(still.path("expiredImages").get(0).path("imageDigest").asText()).isEqualTo(d.get("untagged"));
        assertThat(still.path("expiredImages").get(0).path("appliedRulePriority").asInt()).isEqualTo(2);
    }

    @Test
    void theSweepRunsEveryPolicyByItself() throws Exception {
        try (TestServer server = TestServer.start(false, Duration.ofSeconds(1)); EcrClient ecr = EcrClients.ecr(server)) {
            Http http = server.http();
            ecr.createRepository(r -> r.repositoryName("lc/swept"));
            List<String> digests = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                digests.add(push(http, "lc/swept", "v" + i, EcrClients.image(http, "lc/swept", 200 + i, 10),
                        OCI_MANIFEST));
                Thread.sleep(5);
            }
            ecr.putLifecyclePolicy(r -> r.repositoryName("lc/swept").lifecyclePolicyText(SEED_POLICY
                    .replace("\"countNumber\": 10", "\"countNumber\": 1")));
            await("the sweep expires v1 and v2").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> ecr.describeImages(r -> r.repositoryName("lc/swept")).imageDetails().size() == 1);
            assertThat(ecr.describeImages(r -> r.repositoryName("lc/swept")).imageDetails().getFirst().imageDigest())
                    .isEqualTo(digests.get(2));
            assertThat(ecr.getLifecyclePolicy(r -> r.repositoryName("lc/swept")).lastEvaluatedAt()).isNotNull();
        }
    }

    @Test
    void extensionOperationsAnswerEcrErrors() throws Exception {
        try (TestServer server = TestServer.start(false, Duration.ZERO); EcrClient ecr = EcrClients.ecr(server)) {
            SignedJson signed = new SignedJson(server.url(), EcrClients.root(), Duration.ZERO);
            SignedJson.Answer absent = signed.call(BERTH + "StartLifecyclePolicyRun", Map.of("repositoryName", "lc/no"));
            assertThat(absent.status()).isEqualTo(400);
            assertThat(absent.errorType()).isEqualTo("RepositoryNotFoundException");
            ecr.createRepository(r -> r.repositoryName("lc/nopolicy"));
            SignedJson.Answer noPolicy = signed.call(BERTH + "StartLifecyclePolicyRun",
                    Map.of("repositoryName", "lc/nopolicy"));
            assertThat(noPolicy.errorType()).isEqualTo("LifecyclePolicyNotFoundException");
            SignedJson.Answer noRun = signed.call(BERTH + "DescribeLifecyclePolicyRun",
                    Map.of("repositoryName", "lc/nopolicy", "runId", 12345));
            assertThat(noRun.errorType()).isEqualTo("LifecyclePolicyRunNotFoundException");
            assertThat(signed.call(BERTH + "RestoreExpiredImages", Map.of("repositoryName", "lc/nopolicy"))
                    .errorType()).isEqualTo("ValidationException");
            assertThat(signed.call(BERTH + "Bogus", Map.of()).errorType()).isEqualTo("UnknownOperationException");
            SignedJson forged = new SignedJson(server.url(), EcrClients.session("AKIANOSUCHKEY", "x", "y"),
                    Duration.ZERO);
            assertThat(forged.call(BERTH + "ListExpiredImages", Map.of("repositoryName", "lc/nopolicy")).errorType())
                    .isEqualTo("UnrecognizedClientException");
        }
    }

    /** The extension actions are Berth's own: {@code ecr:*} does not grant them, {@code berth:<Operation>} does. */
    @Test
    void runningAPolicyNeedsTheBerthAction() throws Exception {
        try (TestServer server = TestServer.start(false, Duration.ZERO); EcrClient root = EcrClients.ecr(server);
             IamClient iam = EcrClients.iam(server)) {
            root.createRepository(r -> r.repositoryName("lc/authz"));
            root.putLifecyclePolicy(r -> r.repositoryName("lc/authz").lifecyclePolicyText(SEED_POLICY));
            var role = iam.createRole(r -> r.roleName("ops").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},"
                    + "\"Action\":\"sts:AssumeRole\"}]}")).role();
            iam.putRolePolicy(r -> r.roleName("ops").policyName("ecr-all").policyDocument("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ecr:*\",\"Resource\":\"*\"}]}"));
            String keyId = "ASIABERTHLIFECYCLEOPS";
            String secret = "ops-secret-0123456789abcdefghijklmnopq";
            String token = "ops-token-" + Base64.getEncoder().encodeToString(new byte[48]);
            Instant now = Instant.now();
            try (JdbcMetadataStore store = JdbcMetadataStore.sqlite(server.dataDir().resolve("metadata.db"))) {
                store.iamStore().saveSession(new StsSession(keyId, secret, StsSession.tokenSha256(token),
                        Arn.parse("arn:aws:sts::123456789012:assumed-role/ops/me"), Arn.parse(role.arn()),
                        role.roleId(), "me", "", "", "{}", now, now.plus(Duration.ofHours(1))));
            }
            SignedJson ops = new SignedJson(server.url(), EcrClients.session(keyId, secret, token), Duration.ZERO);
            Map<String, String> input = Map.of("repositoryName", "lc/authz");
            SignedJson.Answer denied = ops.call(BERTH + "StartLifecyclePolicyRun", input);
            assertThat(denied.errorType()).isEqualTo("AccessDeniedException");
            assertThat(denied.body().path("message").asText()).contains("berth:StartLifecyclePolicyRun");

            iam.putRolePolicy(r -> r.roleName("ops").policyName("lifecycle-run").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                            + "\"Action\":\"berth:StartLifecyclePolicyRun\",\"Resource\":"
                            + "\"arn:aws:ecr:us-east-1:123456789012:repository/lc/authz\"}]}"));
            await("the role's new policy applies").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> ops.call(BERTH + "StartLifecyclePolicyRun", input).status() == 200);
            assertThat(ops.call(BERTH + "ListExpiredImages", input).errorType()).isEqualTo("AccessDeniedException");
        }
    }

    /** Every (digest, tag) entry of ListImages as "digest tag" ("digest -" when untagged), all pages. */
    private static Set<String> imageIds(EcrClient ecr) {
        Set<String> ids = new HashSet<>();
        ecr.listImagesPaginator(r -> r.repositoryName(REPO)).imageIds().forEach(id ->
                ids.add(id.imageDigest() + " " + (id.imageTag() == null ? "-" : id.imageTag())));
        return ids;
    }

    private static List<AuditEvent> audit(TestServer server, String action) {
        try (JdbcMetadataStore store = JdbcMetadataStore.sqlite(server.dataDir().resolve("metadata.db"))) {
            return store.auditLog().list(Optional.of(REPO), Optional.empty(), 0, 1000).stream()
                    .filter(e -> e.action().equals(action)).toList();
        }
    }

    private static JsonNode json(String text) {
        try {
            return SignedJson.JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static EcrClient skewCorrecting(TestServer server) {
        return EcrClient.builder().endpointOverride(server.uri("")).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(EcrClients.root())).httpClient(EcrClients.HTTP)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.standardRetryStrategy())).build();
    }

    private static String push(Http http, String repo, String tag, byte[] manifest, String mediaType) {
        String digest = sha256(manifest);
        int status = http.put("/v2/" + repo + "/manifests/" + (tag == null ? digest : tag), manifest, mediaType)
                .statusCode();
        assertThat(status).as("push of %s", tag == null ? digest : tag).isEqualTo(201);
        return digest;
    }
}
