package dev.berth.server;

import static dev.berth.server.Fixtures.OCI_INDEX;
import static dev.berth.server.Fixtures.OCI_MANIFEST;
import static dev.berth.server.Fixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkGlobalTime;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.DeleteLifecyclePolicyResponse;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyPreviewResponse;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyResponse;
import software.amazon.awssdk.services.ecr.model.ImageActionType;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewNotFoundException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewResult;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewStatus;
import software.amazon.awssdk.services.ecr.model.PutLifecyclePolicyResponse;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.StartLifecyclePolicyPreviewResponse;
import software.amazon.awssdk.services.ecr.model.TagStatus;

/** Lifecycle policies and their previews through the real ECR client (spec §2.3 lifecycle, §3). */
class EcrLifecycleApiTest {
    /** The seeds' policy: keep the last 2 {@code v*} images, expire untagged images older than 7 days. */
    static final String SEED_POLICY = """
            {"rules": [
              {"rulePriority": 1, "description": "keep the last 2 v* images",
               "selection": {"tagStatus": "tagged", "tagPrefixList": ["v"], "countType": "imageCountMoreThan",
                             "countNumber": 2},
               "action": {"type": "expire"}},
              {"rulePriority": 2, "description": "expire untagged images older than 7 days",
               "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days",
                             "countNumber": 7},
               "action": {"type": "expire"}}
            ]}
            """;

    static TestServer server;
    static EcrClient ecr;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        ecr = EcrClients.ecr(server);
    }

    @AfterAll
    static void stop() throws Exception {
        ecr.close();
        server.close();
    }

    @Test
    void putGetDeleteRoundTripWithEcrErrors() {
        ecr.createRepository(r -> r.repositoryName("lc/round"));
        assertThatThrownBy(() -> ecr.getLifecyclePolicy(r -> r.repositoryName("lc/round")))
                .isInstanceOf(LifecyclePolicyNotFoundException.class)
                .hasMessageContaining("Lifecycle policy does not exist for the repository with name 'lc/round'");
        assertThatThrownBy(() -> ecr.deleteLifecyclePolicy(r -> r.repositoryName("lc/round")))
                .isInstanceOf(LifecyclePolicyNotFoundException.class);

        PutLifecyclePolicyResponse put = ecr.putLifecyclePolicy(r -> r.repositoryName("lc/round")
                .lifecyclePolicyText(SEED_POLICY));
        assertThat(put.registryId()).isEqualTo("123456789012");
        assertThat(put.repositoryName()).isEqualTo("lc/round");
        assertThat(put.lifecyclePolicyText()).isEqualTo(SEED_POLICY);

        GetLifecyclePolicyResponse got = ecr.getLifecyclePolicy(r -> r.repositoryName("lc/round"));
        assertThat(got.lifecyclePolicyText()).isEqualTo(SEED_POLICY);   // verbatim, trailing newline included
        assertThat(got.registryId()).isEqualTo("123456789012");
        assertThat(got.lastEvaluatedAt()).isNull();                      // no run has evaluated it

        DeleteLifecyclePolicyResponse deleted = ecr.deleteLifecyclePolicy(r -> r.repositoryName("lc/round"));
        assertThat(deleted.lifecyclePolicyText()).isEqualTo(SEED_POLICY);
        assertThatThrownBy(() -> ecr.getLifecyclePolicy(r -> r.repositoryName("lc/round")))
                .isInstanceOf(LifecyclePolicyNotFoundException.class);

        // a policy ECR refuses, with ECR's wording; the stored policy is untouched
        String invalid = SEED_POLICY.replace("\"countNumber\": 2}", "\"countNumber\": 2, \"countUnit\": \"days\"}");
        assertThatThrownBy(() -> ecr.putLifecyclePolicy(r -> r.repositoryName("lc/round")
                .lifecyclePolicyText(invalid)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint:"
                        + " 'Lifecycle policy validation failure:");
        assertThatThrownBy(() -> ecr.getLifecyclePolicy(r -> r.repositoryName("lc/round")))
                .isInstanceOf(LifecyclePolicyNotFoundException.class);
        // shorter than the model's 100 characters
        assertThatThrownBy(() -> ecr.putLifecyclePolicy(r -> r.repositoryName("lc/round")
                .lifecyclePolicyText("{\"rules\":[]}")))
                .isInstanceOfSatisfying(EcrException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));

        assertThatThrownBy(() -> ecr.putLifecyclePolicy(r -> r.repositoryName("lc/absent")
                .lifecyclePolicyText(SEED_POLICY))).isInstanceOf(RepositoryNotFoundException.class);
        assertThatThrownBy(() -> ecr.getLifecyclePolicy(r -> r.repositoryName("lc/absent")))
                .isInstanceOf(RepositoryNotFoundException.class);
        assertThatThrownBy(() -> ecr.startLifecyclePolicyPreview(r -> r.repositoryName("lc/absent")))
                .isInstanceOf(RepositoryNotFoundException.class);
    }

    @Test
    void previewErrors() {
        ecr.createRepository(r -> r.repositoryName("lc/errors"));
        assertThatThrownBy(() -> ecr.getLifecyclePolicyPreview(r -> r.repositoryName("lc/errors")))
                .isInstanceOf(LifecyclePolicyPreviewNotFoundException.class);
        assertThatThrownBy(() -> ecr.startLifecyclePolicyPreview(r -> r.repositoryName("lc/errors")))
                .isInstanceOf(LifecyclePolicyNotFoundException.class);
        String invalid = SEED_POLICY.replace("\"tagged\"", "\"sometimes\"");
        assertThatThrownBy(() -> ecr.startLifecyclePolicyPreview(r -> r.repositoryName("lc/errors")
                .lifecyclePolicyText(invalid))).isInstanceOf(InvalidParameterException.class);

        // a preview of a given text on an empty repository: complete, nothing to expire
        StartLifecyclePolicyPreviewResponse started = ecr.startLifecyclePolicyPreview(r -> r
                .repositoryName("lc/errors").lifecyclePolicyText(SEED_POLICY));
        assertThat(started.status()).isEqualTo(LifecyclePolicyPreviewStatus.COMPLETE);
        assertThat(started.lifecyclePolicyText()).isEqualTo(SEED_POLICY);
        GetLifecyclePolicyPreviewResponse preview = ecr.getLifecyclePolicyPreview(r -> r.repositoryName("lc/errors"));
        assertThat(preview.status()).isEqualTo(LifecyclePolicyPreviewStatus.COMPLETE);
        assertThat(preview.previewResults()).isEmpty();
        assertThat(preview.summary().expiringImageTotalCount()).isZero();
    }

    /**
     * The seed policy over images pushed with /v2/: four v* images, an untagged image, a multi-arch index tagged
     * {@code stable} with two untagged children, and a signature of v1. Previewed now and again with the server's
     * clock 8 days ahead; previews delete nothing.
     */
    @Test
    void seedPolicyPreviewNowAndAfterEightDaysDeletesNothing() throws Exception {
        // The lifecycle sweep is off: what is checked here is that previews delete nothing (runs: EcrLifecycleRunTest).
        try (TestServer clocked = TestServer.start(false, Duration.ZERO); EcrClient client = EcrClients.ecr(clocked)) {
            Http http = clocked.http();
            String repo = "lc/seed";
            client.createRepository(r -> r.repositoryName(repo));
            Map<String, String> digests = new HashMap<>();
            List<byte[]> versions = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                byte[] manifest = EcrClients.image(http, repo, i, 100);
                versions.add(manifest);
                digests.put("v" + i, pushManifest(http, repo, "v" + i, manifest, OCI_MANIFEST));
                Thread.sleep(5);   // distinct push times: "the last 2" is by push time
            }
            digests.put("untagged", pushManifest(http, repo, null, EcrClients.image(http, repo, 10, 100),
                    OCI_MANIFEST));
            byte[] amd64 = EcrClients.image(http, repo, 20, 100);
            byte[] arm64 = EcrClients.image(http, repo, 21, 100);
            digests.put("amd64", pushManifest(http, repo, null, amd64, OCI_MANIFEST));
            digests.put("arm64", pushManifest(http, repo, null, arm64, OCI_MANIFEST));
            digests.put("stable", pushManifest(http, repo, "stable", Fixtures.index(amd64, arm64), OCI_INDEX));
            byte[] sigConfig = "{\"sig\":1}".getBytes(StandardCharsets.UTF_8);
            byte[] sigLayer = "signature-of-v1".getBytes(StandardCharsets.UTF_8);
            EcrClients.pushBlob(http, repo, sigConfig);
            EcrClients.pushBlob(http, repo, sigLayer);
            byte[] signature = Fixtures.manifest(sigConfig, "application/vnd.dev.cosign.artifact.sig.v1+json",
                    Fixtures.descriptor(OCI_MANIFEST, versions.getFirst()), sigLayer);
            digests.put("sig", pushManifest(http, repo, null, signature, OCI_MANIFEST));
            client.putLifecyclePolicy(r -> r.repositoryName(repo).lifecyclePolicyText(SEED_POLICY));

            // now: the count rule expires v1 and v2 (v3, v4 are the last 2), and v1's signature goes with v1
            StartLifecyclePolicyPreviewResponse started = client.startLifecyclePolicyPreview(r -> r
                    .repositoryName(repo));
            assertThat(started.status()).isEqualTo(LifecyclePolicyPreviewStatus.COMPLETE);
            assertThat(started.lifecyclePolicyText()).isEqualTo(SEED_POLICY);
            GetLifecyclePolicyPreviewResponse now = client.getLifecyclePolicyPreview(r -> r.repositoryName(repo));
            assertThat(now.status()).isEqualTo(LifecyclePolicyPreviewStatus.COMPLETE);
            assertThat(now.lifecyclePolicyText()).isEqualTo(SEED_POLICY);
            assertThat(expiring(now.previewResults())).containsOnly(
                    Map.entry(digests.get("v1"), 1), Map.entry(digests.get("v2"), 1), Map.entry(digests.get("sig"), 1));
            assertThat(now.summary().expiringImageTotalCount()).isEqualTo(3);
            LifecyclePolicyPreviewResult v1 = now.previewResults().stream()
                    .filter(p -> p.imageDigest().equals(digests.get("v1"))).findFirst().orElseThrow();
            assertThat(v1.imageTags()).containsExactly("v1");
            assertThat(v1.action().type()).isEqualTo(ImageActionType.EXPIRE);
            assertThat(v1.imagePushedAt()).isNotNull();
            assertNothingDeleted(client, repo, digests);

            clocked.restart(Duration.ofDays(8));
            try (EcrClient skewed = skewCorrecting(clocked)) {
                laterPreview(skewed, repo, digests);
            } finally {
                SdkGlobalTime.setGlobalTimeOffset(0);   // the SDK records the correction JVM-wide
            }
        }
    }

    /**
     * A client that, like the SDK's defaults, retries once a request is refused for clock skew with its clock
     * corrected by the server's {@code Date}: the way a real client meets a server whose clock has moved. The SDK
     * keeps that correction in {@link SdkGlobalTime} for every client in the JVM, so the caller must reset it.
     */
    private static EcrClient skewCorrecting(TestServer server) {
        return EcrClient.builder().endpointOverride(server.uri("")).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(EcrClients.root())).httpClient(EcrClients.HTTP)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.standardRetryStrategy())).build();
    }

    /** Eight days on: the untagged image expires too; the index's untagged children are kept with it. */
    private static void laterPreview(EcrClient client, String repo, Map<String, String> digests) {
        client.startLifecyclePolicyPreview(r -> r.repositoryName(repo));
        GetLifecyclePolicyPreviewResponse later = client.getLifecyclePolicyPreview(r -> r.repositoryName(repo));
        assertThat(expiring(later.previewResults())).containsOnly(
                Map.entry(digests.get("v1"), 1), Map.entry(digests.get("v2"), 1), Map.entry(digests.get("sig"), 1),
                Map.entry(digests.get("untagged"), 2));
        assertThat(later.summary().expiringImageTotalCount()).isEqualTo(4);
        assertNothingDeleted(client, repo, digests);

        // filters: by image id, by tag status, and page by page
        assertThat(client.getLifecyclePolicyPreview(r -> r.repositoryName(repo)
                .imageIds(ImageIdentifier.builder().imageTag("v2").build(),
                        ImageIdentifier.builder().imageDigest(digests.get("untagged")).build()))
                .previewResults()).extracting(LifecyclePolicyPreviewResult::imageDigest)
                .containsExactlyInAnyOrder(digests.get("v2"), digests.get("untagged"));
        assertThat(client.getLifecyclePolicyPreview(r -> r.repositoryName(repo)
                .filter(f -> f.tagStatus(TagStatus.UNTAGGED))).previewResults())
                .extracting(LifecyclePolicyPreviewResult::imageDigest)
                .containsExactlyInAnyOrder(digests.get("untagged"), digests.get("sig"));
        List<String> paged = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            GetLifecyclePolicyPreviewResponse page = client.getLifecyclePolicyPreview(r -> r.repositoryName(repo)
                    .maxResults(3).nextToken(next));
            page.previewResults().forEach(p -> paged.add(p.imageDigest()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(2);
        assertThat(paged).containsExactlyInAnyOrderElementsOf(expiring(later.previewResults()).keySet());
        assertThat(client.getLifecyclePolicyPreviewPaginator(r -> r.repositoryName(repo).maxResults(1))
                .previewResults().stream().count()).isEqualTo(4);
    }

    /** imageDigest → appliedRulePriority of every result, each an EXPIRE. */
    private static Map<String, Integer> expiring(List<LifecyclePolicyPreviewResult> results) {
        Map<String, Integer> out = new HashMap<>();
        for (LifecyclePolicyPreviewResult r : results) {
            assertThat(r.action().type()).isEqualTo(ImageActionType.EXPIRE);
            assertThat(out.put(r.imageDigest(), r.appliedRulePriority())).isNull();
        }
        return out;
    }

    private static void assertNothingDeleted(EcrClient client, String repo, Map<String, String> digests) {
        assertThat(client.describeImages(r -> r.repositoryName(repo)).imageDetails())
                .extracting(d -> d.imageDigest()).containsExactlyInAnyOrderElementsOf(digests.values());
        for (String tag : List.of("v1", "v2", "v3", "v4", "stable")) {
            assertThat(client.batchGetImage(r -> r.repositoryName(repo)
                    .imageIds(ImageIdentifier.builder().imageTag(tag).build())).images()).hasSize(1);
        }
    }

    /** PUTs a manifest over /v2/ by tag (or by digest when {@code tag} is null) and returns its digest. */
    private static String pushManifest(Http http, String repo, String tag, byte[] manifest, String mediaType) {
        String digest = sha256(manifest);
        int status = http.put("/v2/" + repo + "/manifests/" + (tag == null ? digest : tag), manifest, mediaType)
                .statusCode();
        assertThat(status).as("push of %s", tag == null ? digest : tag).isEqualTo(201);
        return digest;
    }
}
