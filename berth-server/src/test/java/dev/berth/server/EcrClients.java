package dev.berth.server;

import static dev.berth.server.Fixtures.sha256;

import java.net.URI;
import java.net.http.HttpResponse;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The real AWS SDK for Java v2 clients pointed at a test server (endpoint override, region us-east-1, the JDK's URL
 * connection client). Retries are off: a test that expects an error must see the first answer, and SDKs treat some
 * ECR errors (LimitExceededException) as throttling.
 */
final class EcrClients {
    static final SdkHttpClient HTTP = UrlConnectionHttpClient.create();

    private EcrClients() {}

    static AwsCredentials root() {
        return AwsBasicCredentials.create(TestServer.ROOT_ACCESS_KEY_ID, TestServer.ROOT_SECRET);
    }

    static AwsCredentials session(String accessKeyId, String secret, String token) {
        return AwsSessionCredentials.create(accessKeyId, secret, token);
    }

    static EcrClient ecr(TestServer server) {
        return ecr(server, root());
    }

    static EcrClient ecr(TestServer server, AwsCredentials credentials) {
        return EcrClient.builder().endpointOverride(URI.create(server.url())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).httpClient(HTTP)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    static IamClient iam(TestServer server) {
        return IamClient.builder().endpointOverride(URI.create(server.url())).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(root())).httpClient(HTTP)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    static StsClient sts(TestServer server, AwsCredentials credentials) {
        return StsClient.builder().endpointOverride(URI.create(server.url())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).httpClient(HTTP)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    /** Pushes a blob over /v2/ in one request (monolithic POST) and returns its digest. */
    static String pushBlob(Http http, String repo, byte[] content) {
        String digest = sha256(content);
        HttpResponse<byte[]> r = http.post("/v2/" + repo + "/blobs/uploads/?digest=" + digest, content);
        if (r.statusCode() != 201) {
            throw new AssertionError("blob push to " + repo + " failed: " + r.statusCode() + " " + Http.text(r));
        }
        return digest;
    }

    /** Pushes a config and the layers over /v2/ and returns an OCI manifest over them (not pushed). */
    static byte[] image(Http http, String repo, long seed, int layerSize) {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":" + seed + "}").getBytes();
        byte[] layer = Fixtures.bytes(layerSize, seed);
        pushBlob(http, repo, config);
        pushBlob(http, repo, layer);
        return Fixtures.manifest(config, null, null, layer);
    }
}
