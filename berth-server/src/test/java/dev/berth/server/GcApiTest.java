package dev.berth.server;

import static dev.berth.server.Fixtures.OCI_MANIFEST;
import static dev.berth.server.Fixtures.bytes;
import static dev.berth.server.Fixtures.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Garbage collection on demand, over HTTP: {@code Berth_20261122.StartGarbageCollection} and
 * {@code DescribeGarbageCollection}, SigV4-signed by the AWS SDK's signer and authorized by the policy engine as
 * {@code berth:<Op>}. The server runs with no grace period, so what is unreferenced is collected at once.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class GcApiTest {
    static TestServer server;
    static OidcIssuer issuer;
    static AwsClients aws;

    @BeforeAll
    static void start() {
        server = TestServer.startWithGc(Duration.ofHours(1), Duration.ZERO, Duration.ofHours(24));
        issuer = OidcIssuer.start();
        aws = new AwsClients(server);
    }

    @AfterAll
    static void stop() throws Exception {
        aws.close();
        server.close();
        issuer.close();
    }

    @Test
    void startGarbageCollectionCollectsWhatNothingReferencesAndReportsTheFreedBytes() {
        BerthCalls root = new BerthCalls(server, BerthCalls.root());
        // Runs the scheduled collection now (or joins the one running since start) so none is under way below.
        awaitDone(root, root.call("StartGarbageCollection", "{}").body().get("jobId").asLong());
        OciClient client = new OciClient(server.url());
        byte[] layer = bytes(40_000, 1);
        byte[] config = "{\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
        client.pushMonolithic("gc/app", layer);
        client.pushMonolithic("gc/app", config);
        client.pushManifest("gc/app", "v1", manifest(config, null, null, layer), OCI_MANIFEST);
        byte[] unused = bytes(12_345, 2);
        String unusedDigest = client.pushMonolithic("gc/app", unused);

        BerthCalls.Answer started = root.call("StartGarbageCollection", "{}");
        assertThat(started.status()).as("%s", started.body()).isEqualTo(200);
        assertThat(started.body().get("status").asText()).isIn("QUEUED", "RUNNING");
        long jobId = started.body().get("jobId").asLong();

        BerthCalls.Answer done = awaitDone(root, jobId);
        assertThat(done.body().get("finishedAt").isNumber()).isTrue();
        assertThat(done.body().at("/result/blobsDeleted").asLong()).isEqualTo(1);
        assertThat(done.body().at("/result/bytesFreed").asLong()).isEqualTo(unused.length);
        assertThat(done.body().at("/result/linksRemoved").asLong()).isEqualTo(1);
        assertThat(client.http().get("/v2/gc/app/blobs/" + unusedDigest).statusCode()).isEqualTo(404);
        assertThat(client.pullVerified("gc/app", "v1")).hasSize(3);
        BerthCalls.Answer next = root.call("DescribeGarbageCollection", "{}");
        assertThat(next.body().get("jobId").asLong()).as("the next scheduled collection").isGreaterThan(jobId);
        assertThat(next.body().get("status").asText()).isEqualTo("QUEUED");
        assertThat(next.body().get("runAfter").decimalValue().longValue() - done.body().get("finishedAt")
                .decimalValue().longValue()).as("an hour after the last one ended").isBetween(3599L, 3601L);
    }

    @Test
    void refusalsAreInTheProtocolsShape() {
        BerthCalls root = new BerthCalls(server, BerthCalls.root());
        BerthCalls.Answer unknown = root.call("CollectEverything", "{}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorType()).isEqualTo("UnknownOperationException");
        BerthCalls.Answer badId = root.call("DescribeGarbageCollection", "{\"jobId\":\"seven\"}");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.errorType()).isEqualTo("InvalidParameterException");
        BerthCalls.Answer noSuchJob = root.call("DescribeGarbageCollection", "{\"jobId\":987654}");
        assertThat(noSuchJob.status()).isEqualTo(400);
        assertThat(noSuchJob.errorType()).isEqualTo("JobNotFoundException");
        var unsigned = new Http(server.url()).send("POST", "/", "{}".getBytes(StandardCharsets.UTF_8),
                java.util.Map.of("X-Amz-Target", "Berth_20261122.StartGarbageCollection",
                        "Content-Type", "application/x-amz-json-1.1"));
        assertThat(unsigned.statusCode()).isGreaterThanOrEqualTo(400).isLessThan(500);
    }

    @Test
    void thePolicyEngineDecidesWhoMayStartACollection() {
        String allowed = role("gc-operator", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                  "Action": ["berth:StartGarbageCollection", "berth:DescribeGarbageCollection"], "Resource": "*"}]}""");
        String other = role("ecr-admin", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ecr:*", "Resource": "*"}]}""");

        BerthCalls.Answer denied = new BerthCalls(server, session(other)).call("StartGarbageCollection", "{}");
        assertThat(denied.status()).isEqualTo(400);
        assertThat(denied.errorType()).isEqualTo("AccessDeniedException");
        assertThat(denied.body().get("message").asText()).contains("berth:StartGarbageCollection");

        BerthCalls operator = new BerthCalls(server, session(allowed));
        BerthCalls.Answer started = operator.call("StartGarbageCollection", "{}");
        assertThat(started.status()).as("%s", started.body()).isEqualTo(200);
        awaitDone(operator, started.body().get("jobId").asLong());
    }

    private static BerthCalls.Answer awaitDone(BerthCalls calls, long jobId) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(
                () -> calls.call("DescribeGarbageCollection", "{\"jobId\":" + jobId + "}"),
                answer -> answer.status() == 200 && answer.body().get("status").asText().equals("DONE"));
    }

    private static String role(String name, String policy) {
        try (IamClient iam = aws.iam(AwsClients.root())) {
            String provider = iam.listOpenIDConnectProviders().openIDConnectProviderList().stream()
                    .map(p -> p.arn()).findFirst().orElseGet(() -> iam.createOpenIDConnectProvider(b -> b
                            .url(issuer.url()).clientIDList(OidcIssuer.AUDIENCE)).openIDConnectProviderArn());
            String arn = iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(KeylessPushTest.trustPolicy(
                    provider, issuer.host(), "StringEquals", "repo:acme/app:ref:refs/heads/main"))).role().arn();
            iam.putRolePolicy(b -> b.roleName(name).policyName("gc").policyDocument(policy));
            return arn;
        }
    }

    private static AwsSessionCredentialsIdentity session(String roleArn) {
        try (StsClient sts = aws.sts(AwsClients.none())) {
            Credentials c = sts.assumeRoleWithWebIdentity(b -> b.roleArn(roleArn).roleSessionName("gc")
                    .webIdentityToken(issuer.token().mint())).credentials();
            return AwsSessionCredentialsIdentity.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
        }
    }
}
