package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.server.Fixtures;
import dev.berth.server.Http;
import dev.berth.server.OidcIssuer;
import dev.berth.server.TestServer;
import java.net.URI;
import java.net.http.HttpResponse;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The account the CLI tests log in to, set up with the real IAM and ECR clients as an administrator would (the
 * seeds' pattern): the issuer registered for audience {@code sts.amazonaws.com}, a push role trusted only for
 * {@code main} of {@code acme/app} with the least-privilege push policy, a pull role for any {@code acme/*}
 * repository with {@code AmazonEC2ContainerRegistryReadOnly}; and an image pusher over {@code /v2/}.
 */
final class CliFixtures {
    static final String ACCOUNT = "123456789012";
    static final String REPOSITORY_ARN = "arn:aws:ecr:us-east-1:" + ACCOUNT + ":repository/acme/app";

    record Account(String pushRole, String pullRole) {}

    private CliFixtures() {
    }

    static Account setUp(TestServer server, OidcIssuer issuer) {
        try (EcrClient ecr = ecr(server)) {
            ecr.createRepository(b -> b.repositoryName("acme/app"));
        }
        try (IamClient iam = IamClient.builder().endpointOverride(URI.create(server.url())).region(Region.AWS_GLOBAL)
                .credentialsProvider(root()).httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            String provider = iam.createOpenIDConnectProvider(b -> b.url(issuer.url()).clientIDList("sts.amazonaws.com"))
                    .openIDConnectProviderArn();
            String push = iam.createRole(b -> b.roleName("GitHubActions-ECR-PushRole").assumeRolePolicyDocument(
                    trust(provider, issuer.host(), "StringEquals", "repo:acme/app:ref:refs/heads/main"))).role().arn();
            iam.putRolePolicy(b -> b.roleName("GitHubActions-ECR-PushRole").policyName("ecr-push")
                    .policyDocument(PUSH_POLICY));
            String pull = iam.createRole(b -> b.roleName("GitHubActions-ECR-PullRole").assumeRolePolicyDocument(
                    trust(provider, issuer.host(), "StringLike", "repo:acme/*"))).role().arn();
            iam.attachRolePolicy(b -> b.roleName("GitHubActions-ECR-PullRole")
                    .policyArn("arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"));
            return new Account(push, pull);
        }
    }

    static StaticCredentialsProvider root() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(TestServer.ROOT_ACCESS_KEY_ID,
                TestServer.ROOT_SECRET));
    }

    static EcrClient ecr(TestServer server) {
        return EcrClient.builder().endpointOverride(URI.create(server.url())).region(Region.US_EAST_1)
                .credentialsProvider(root()).httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    static String trust(String providerArn, String host, String op, String subject) {
        String aud = "\"" + host + ":aud\": \"sts.amazonaws.com\"";
        String sub = "\"" + host + ":sub\": \"" + subject + "\"";
        String condition = op.equals("StringEquals") ? "\"StringEquals\": {" + aud + ", " + sub + "}"
                : "\"StringEquals\": {" + aud + "}, \"" + op + "\": {" + sub + "}";
        return """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "%s"},
                  "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {%s}}]}""".formatted(providerArn, condition);
    }

    static final String PUSH_POLICY = """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": ["ecr:GetAuthorizationToken"], "Resource": "*"},
              {"Effect": "Allow", "Action": ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer",
                 "ecr:BatchGetImage", "ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart",
                 "ecr:CompleteLayerUpload", "ecr:DescribeImages", "ecr:ListImages"],
               "Resource": "%s"}]}""".formatted(REPOSITORY_ARN);

    /**
     * Pushes a one-layer image to {@code repo:tag} over {@code /v2/} with {@code http} and returns the HTTP status
     * of the manifest PUT (201 when allowed); blob uploads that are refused fail the test.
     */
    static int pushImage(Http http, String repo, String tag, long seed) {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":" + seed + "}").getBytes();
        byte[] layer = Fixtures.bytes(2048, seed);
        for (byte[] blob : new byte[][] {config, layer}) {
            HttpResponse<byte[]> r = http.post("/v2/" + repo + "/blobs/uploads/?digest=" + Fixtures.sha256(blob), blob);
            assertThat(r.statusCode()).as("blob upload to %s: %s", repo, Http.text(r)).isEqualTo(201);
        }
        byte[] manifest = Fixtures.manifest(config, null, null, layer);
        return http.put("/v2/" + repo + "/manifests/" + tag, manifest, Fixtures.OCI_MANIFEST).statusCode();
    }
}
