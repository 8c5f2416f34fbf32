package dev.berth.server;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The real AWS SDK for Java v2 clients pointed at a test server the way users point them at Berth: an endpoint
 * override, region {@code us-east-1}, static credentials. They share one JDK-based HTTP client (no Netty, no Apache
 * client), and read no credentials, region or endpoint from the environment. Close to release the HTTP client.
 */
final class AwsClients implements AutoCloseable {
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final TestServer server;

    AwsClients(TestServer server) {
        this.server = server;
    }

    /** The account's root key, as {@code aws configure} would hold it. */
    static AwsCredentialsProvider root() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(TestServer.ROOT_ACCESS_KEY_ID,
                TestServer.ROOT_SECRET));
    }

    /** Temporary credentials from STS, as configure-aws-credentials exports them. */
    static AwsCredentialsProvider session(Credentials c) {
        return StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(),
                c.sessionToken()));
    }

    /**
     * A provider that fails the test if the SDK ever asks it: for calls that must go out unsigned
     * ({@code AssumeRoleWithWebIdentity}), since a CI job has no credentials yet when it makes them.
     */
    static AwsCredentialsProvider none() {
        return () -> {
            throw new AssertionError("the SDK asked for credentials for an unsigned call");
        };
    }

    IamClient iam(AwsCredentialsProvider credentials) {
        return IamClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1).httpClient(http)
                .credentialsProvider(credentials).build();
    }

    StsClient sts(AwsCredentialsProvider credentials) {
        return StsClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1).httpClient(http)
                .credentialsProvider(credentials).build();
    }

    EcrClient ecr(AwsCredentialsProvider credentials) {
        return EcrClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1).httpClient(http)
                .credentialsProvider(credentials).build();
    }

    /** {@code ecr get-login-password}: the password of {@code GetAuthorizationToken}'s {@code AWS:<password>}. */
    String registryPassword(AwsCredentialsProvider credentials) {
        try (EcrClient ecr = ecr(credentials)) {
            AuthorizationData data = ecr.getAuthorizationToken(b -> {}).authorizationData().get(0);
            String decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
            if (!decoded.startsWith("AWS:")) {
                throw new AssertionError("authorization token is not AWS:<password>");
            }
            return decoded.substring("AWS:".length());
        }
    }

    private URI endpoint() {
        return URI.create(server.url());
    }

    @Override
    public void close() {
        http.close();
    }
}
