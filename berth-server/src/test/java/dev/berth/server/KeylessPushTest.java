package dev.berth.server;

import static dev.berth.server.BlobApiTest.assertError;
import static dev.berth.server.Fixtures.sha256;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Keyless CI, end to end with real clients only (issue 3): a GitHub-shaped OIDC token from a local issuer becomes,
 * through the AWS SDK for Java v2 (IAM, STS, ECR clients against Berth's one port) and jib-core, an image push and
 * a pull, with no long-lived secret in the job. The account is set up the way the seeds set it up — an OIDC
 * provider, a push role trusted only for {@code main} of {@code acme/app} with the seed's least-privilege push
 * policy, a pull role for every {@code acme/*} repository with {@code AmazonEC2ContainerRegistryReadOnly} — and every
 * refusal is checked for the AWS error code and HTTP status the real clients see.
 */
class KeylessPushTest {
    static final String ACCOUNT = "123456789012";
    static final String REPOSITORY_ARN = "arn:aws:ecr:us-east-1:" + ACCOUNT + ":repository/acme/app";
    static final String PUSH_ROLE = "GitHubActions-ECR-PushRole";
    static final String PULL_ROLE = "GitHubActions-ECR-PullRole";
    static final String PR_ROLE = "GitHubActions-ECR-PullRequestRole";
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final ObjectMapper JSON = new ObjectMapper();

    static OidcIssuer github;
    static OidcIssuer stranger;
    static TestServer server;
    static AwsClients aws;
    static Account account;

    /** The ARNs the setup created. */
    record Account(String providerArn, String pushRole, String pullRole, String prRole) {}

    @BeforeAll
    static void start() {
        github = OidcIssuer.start();
        stranger = OidcIssuer.start();
        server = TestServer.start();
        aws = new AwsClients(server);
        account = setUp(aws, github);
    }

    @AfterAll
    static void stop() throws Exception {
        aws.close();
        server.close();
        github.close();
        stranger.close();
    }

    /**
     * What an administrator does once, with the root key and the IAM API: register the issuer, create the push role
     * (trusted for one branch of one repository), the pull role (any repository of the organisation) and a
     * pull-request role that may push only {@code pr-*} tags; and the per-project repositories, created explicitly as
     * ECR (and the seeds' Terraform) does — the CI roles may not create repositories.
     */
    static Account setUp(AwsClients aws, OidcIssuer issuer) {
        try (EcrClient ecr = aws.ecr(AwsClients.root())) {
            for (String repository : new String[] {"acme/app", "acme/web"}) {
                ecr.createRepository(b -> b.repositoryName(repository));
            }
        }
        try (IamClient iam = aws.iam(AwsClients.root())) {
            String provider = iam.createOpenIDConnectProvider(b -> b.url(issuer.url())
                    .clientIDList(OidcIssuer.AUDIENCE)).openIDConnectProviderArn();
            assertThat(provider).isEqualTo("arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + issuer.host());

            String push = iam.createRole(b -> b.roleName(PUSH_ROLE).assumeRolePolicyDocument(trustPolicy(provider,
                    issuer.host(), "StringEquals", "repo:acme/app:ref:refs/heads/main"))).role().arn();
            iam.putRolePolicy(b -> b.roleName(PUSH_ROLE).policyName("ecr-push").policyDocument(PUSH_POLICY));

            String pull = iam.createRole(b -> b.roleName(PULL_ROLE).assumeRolePolicyDocument(trustPolicy(provider,
                    issuer.host(), "StringLike", "repo:acme/*"))).role().arn();
            iam.attachRolePolicy(b -> b.roleName(PULL_ROLE)
                    .policyArn("arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"));

            String pr = iam.createRole(b -> b.roleName(PR_ROLE).assumeRolePolicyDocument(trustPolicy(provider,
                    issuer.host(), "StringEquals", "repo:acme/app:pull_request"))).role().arn();
            iam.putRolePolicy(b -> b.roleName(PR_ROLE).policyName("ecr-push-pr-tags").policyDocument(PR_POLICY));
            return new Account(provider, push, pull, pr);
        }
    }

    /** The seeds' trust policy: the provider federated, the audience fixed, the subject matched by {@code op}. */
    static String trustPolicy(String providerArn, String host, String op, String subject) {
        String aud = "\"" + host + ":aud\": \"sts.amazonaws.com\"";
        String sub = "\"" + host + ":sub\": \"" + subject + "\"";
        String condition = op.equals("StringEquals") ? "\"StringEquals\": {" + aud + ", " + sub + "}"
                : "\"StringEquals\": {" + aud + "}, \"" + op + "\": {" + sub + "}";
        return """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Effect": "Allow",
                      "Principal": {"Federated": "%s"},
                      "Action": "sts:AssumeRoleWithWebIdentity",
                      "Condition": {%s}
                    }
                  ]
                }""".formatted(providerArn, condition);
    }

    /** The seed's least-privilege push policy (002), scoped to the one repository. */
    static final String PUSH_POLICY = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Effect": "Allow", "Action": ["ecr:GetAuthorizationToken"], "Resource": "*"},
                {
                  "Effect": "Allow",
                  "Action": [
                    "ecr:BatchCheckLayerAvailability",
                    "ecr:GetDownloadUrlForLayer",
                    "ecr:BatchGetImage",
                    "ecr:PutImage",
                    "ecr:InitiateLayerUpload",
                    "ecr:UploadLayerPart",
                    "ecr:CompleteLayerUpload",
                    "ecr:DescribeImages",
                    "ecr:ListImages"
                  ],
                  "Resource": "%s"
                }
              ]
            }""".formatted(REPOSITORY_ARN);

    /** Pull-request builds may upload layers, but put an image only under a {@code pr-*} tag (Berth's ecr:ImageTag). */
    static final String PR_POLICY = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"},
                {
                  "Effect": "Allow",
                  "Action": [
                    "ecr:BatchCheckLayerAvailability",
                    "ecr:GetDownloadUrlForLayer",
                    "ecr:BatchGetImage",
                    "ecr:InitiateLayerUpload",
                    "ecr:UploadLayerPart",
                    "ecr:CompleteLayerUpload"
                  ],
                  "Resource": "%1$s"
                },
                {
                  "Effect": "Allow",
                  "Action": "ecr:PutImage",
                  "Resource": "%1$s",
                  "Condition": {"StringLike": {"ecr:ImageTag": "pr-*"}}
                }
              ]
            }""".formatted(REPOSITORY_ARN);

    @Test
    void aGitHubTokenBecomesAJibPushAndAPullWithNothingLongLived(@TempDir Path work) throws Exception {
        Instant before = Instant.now();
        AssumeRoleWithWebIdentityResponse assumed = assume(account.pushRole(), github.token().mint());

        Credentials credentials = assumed.credentials();
        assertThat(credentials.accessKeyId()).startsWith("ASIA");
        assertThat(credentials.expiration()).isBetween(before.plus(Duration.ofMinutes(59)),
                Instant.now().plus(Duration.ofMinutes(61)));
        String sessionArn = "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + PUSH_ROLE + "/GitHubActions";
        assertThat(assumed.assumedRoleUser().arn()).isEqualTo(sessionArn);
        assertThat(assumed.assumedRoleUser().assumedRoleId()).startsWith("AROA").endsWith(":GitHubActions");
        assertThat(assumed.subjectFromWebIdentityToken()).isEqualTo("repo:acme/app:ref:refs/heads/main");
        assertThat(assumed.provider()).isEqualTo(account.providerArn());
        assertThat(assumed.audience()).isEqualTo(OidcIssuer.AUDIENCE);

        // What configure-aws-credentials does next: GetCallerIdentity, signed with the temporary credentials.
        AwsCredentialsProvider session = AwsClients.session(credentials);
        try (StsClient sts = aws.sts(session)) {
            GetCallerIdentityResponse me = sts.getCallerIdentity();
            assertThat(me.arn()).isEqualTo(sessionArn);
            assertThat(me.account()).isEqualTo(ACCOUNT);
            assertThat(me.userId()).isEqualTo(assumed.assumedRoleUser().assumedRoleId());
        }

        // What amazon-ecr-login does: GetAuthorizationToken, then docker login -u AWS; here Jib pushes with it.
        try (EcrClient ecr = aws.ecr(session)) {
            AuthorizationData data = ecr.getAuthorizationToken(b -> {}).authorizationData().get(0);
            assertThat(data.proxyEndpoint()).isEqualTo(server.url());
            assertThat(data.expiresAt()).isEqualTo(credentials.expiration().truncatedTo(ChronoUnit.SECONDS));
        }
        String password = aws.registryPassword(session);
        assertThat(password).doesNotContain(":").doesNotContainAnyWhitespaces();
        JibContainer pushed = JibPush.push(registry() + "/acme/app:1.0", JibPush.aws(password), "release 1.0", work);

        // The audit trail names the CI identity behind the push: the role session and the token's claims.
        JsonNode audit = new BerthApiClient(server, EcrClients.root()).call("DescribeAuditEvents",
                "{\"repositoryName\":\"acme/app\",\"maxResults\":1}").body().get("auditEvents").get(0);
        assertThat(audit.get("action").asText()).isEqualTo("ecr:PutImage");
        assertThat(audit.get("actor").asText()).isEqualTo(sessionArn);
        assertThat(audit.get("detail").get("webIdentity").get("sub").asText()).isEqualTo("repo:acme/app:ref:refs/heads/main");
        assertThat(audit.get("target").asText()).isEqualTo("1.0@" + pushed.getDigest());
        BerthApiClient.Answer refused = new BerthApiClient(server, EcrClients.session(credentials.accessKeyId(),
                credentials.secretAccessKey(), credentials.sessionToken())).call("DescribeAuditEvents", "{}");
        assertThat(refused.body().get("__type").asText()).as("the push role may not read the audit trail")
                .isEqualTo("AccessDeniedException");
        assertThat(refused.body().get("message").asText()).contains("berth:DescribeAuditEvents");

        // A build of another repository of the organisation pulls it with the pull role.
        String pullToken = github.token().subject("repo:acme/web:pull_request").claim("repository", "acme/web")
                .claim("event_name", "pull_request").mint();
        Http puller = registryClient(aws.registryPassword(AwsClients.session(
                assume(account.pullRole(), pullToken).credentials())));
        HttpResponse<byte[]> manifest = puller.get("/v2/acme/app/manifests/1.0", Map.of("Accept", OCI_MANIFEST));
        assertThat(manifest.statusCode()).as(Http.text(manifest)).isEqualTo(200);
        String digest = pushed.getDigest().toString();
        assertThat(manifest.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
        assertThat(sha256(manifest.body())).isEqualTo(digest);

        JsonNode m = JSON.readTree(manifest.body());
        List<JsonNode> blobs = new ArrayList<>();
        blobs.add(m.get("config"));
        m.get("layers").forEach(blobs::add);
        assertThat(blobs).hasSize(2);
        for (JsonNode descriptor : blobs) {
            HttpResponse<byte[]> blob = puller.get("/v2/acme/app/blobs/" + descriptor.get("digest").asText());
            assertThat(blob.statusCode()).isEqualTo(200);
            assertThat(sha256(blob.body())).isEqualTo(descriptor.get("digest").asText());
            assertThat(blob.body()).hasSize(descriptor.get("size").asInt());
        }
    }

    static Stream<Arguments> refusedWebIdentities() {
        return Stream.of(
                arguments(named("another branch (sub)", token(() -> github.token()
                        .subject("repo:acme/app:ref:refs/heads/feature").claim("ref", "refs/heads/feature").mint())),
                        PUSH_ROLE, "AccessDenied", 403),
                arguments(named("a pull request (sub)", token(() -> github.token()
                        .subject("repo:acme/app:pull_request").claim("event_name", "pull_request").mint())),
                        PUSH_ROLE, "AccessDenied", 403),
                arguments(named("another organisation on the pull role (sub)", token(() -> github.token()
                        .subject("repo:evil/app:ref:refs/heads/main").claim("repository", "evil/app").mint())),
                        PULL_ROLE, "AccessDenied", 403),
                arguments(named("another audience", token(() -> github.token()
                        .audience("https://github.com/acme").mint())), PUSH_ROLE, "InvalidIdentityToken", 400),
                arguments(named("expired", token(() -> github.token().expiredAgo(Duration.ofMinutes(5)).mint())),
                        PUSH_ROLE, "ExpiredTokenException", 400),
                arguments(named("forged signature", token(() -> github.token().forged().mint())),
                        PUSH_ROLE, "InvalidIdentityToken", 400),
                arguments(named("alg: none", token(() -> github.token().mintUnsigned())),
                        PUSH_ROLE, "InvalidIdentityToken", 400),
                arguments(named("HS256 keyed with the public key", token(() -> github.token().mintHs256())),
                        PUSH_ROLE, "InvalidIdentityToken", 400),
                arguments(named("unknown issuer", token(() -> stranger.token().mint())),
                        PUSH_ROLE, "InvalidIdentityToken", 400),
                arguments(named("known issuer named by a stranger's token", token(() -> stranger.token()
                        .issuer(github.url()).mint())), PUSH_ROLE, "InvalidIdentityToken", 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedWebIdentities")
    void stsRefusesTheToken(Supplier<String> token, String role, String code, int status) {
        String roleArn = "arn:aws:iam::" + ACCOUNT + ":role/" + role;
        assertThatThrownBy(() -> assume(roleArn, token.get()))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
                    assertThat(e.statusCode()).isEqualTo(status);
                });
    }

    @Test
    void thePullRoleCannotPush(@TempDir Path work) {
        String password = aws.registryPassword(AwsClients.session(
                assume(account.pullRole(), github.token().mint()).credentials()));
        Http puller = registryClient(password);
        assertThat(puller.get("/v2/").statusCode()).isEqualTo(200);

        HttpResponse<byte[]> upload = puller.post("/v2/acme/app/blobs/uploads/", null);
        assertError(upload, 403, "DENIED");
        assertThat(Http.text(upload)).contains("assumed-role/" + PULL_ROLE + "/GitHubActions")
                .contains("ecr:InitiateLayerUpload");

        assertJibDenied(() -> JibPush.push(registry() + "/acme/app:pulled", JibPush.aws(password), "no", work),
                "ecr:InitiateLayerUpload");
    }

    @Test
    void thePushRoleIsScopedToItsRepository() {
        Http pusher = registryClient(aws.registryPassword(AwsClients.session(
                assume(account.pushRole(), github.token().mint()).credentials())));
        assertThat(pusher.post("/v2/acme/app/blobs/uploads/", null).statusCode()).isEqualTo(202);
        HttpResponse<byte[]> elsewhere = pusher.post("/v2/acme/web/blobs/uploads/", null);
        assertError(elsewhere, 403, "DENIED");
        assertThat(Http.text(elsewhere)).contains("acme/web");
    }

    @Test
    void aPullRequestRoleMayPushOnlyPrTags(@TempDir Path work) throws Exception {
        String prToken = github.token().subject("repo:acme/app:pull_request").claim("event_name", "pull_request")
                .claim("ref", "refs/pull/7/merge").mint();
        String password = aws.registryPassword(AwsClients.session(assume(account.prRole(), prToken).credentials()));

        JibContainer pr = JibPush.push(registry() + "/acme/app:pr-7", JibPush.aws(password), "pr 7", work);
        assertJibDenied(() -> JibPush.push(registry() + "/acme/app:v1.0", JibPush.aws(password), "pr 7", work),
                "ecr:PutImage");

        // The same manifest, by hand: the tag decides.
        Http http = registryClient(password);
        HttpResponse<byte[]> manifest = http.get("/v2/acme/app/manifests/pr-7", Map.of("Accept", OCI_MANIFEST));
        assertThat(sha256(manifest.body())).isEqualTo(pr.getDigest().toString());
        HttpResponse<byte[]> refused = http.put("/v2/acme/app/manifests/v1.0", manifest.body(), OCI_MANIFEST);
        assertError(refused, 403, "DENIED");
        assertThat(Http.text(refused)).contains("ecr:PutImage");
        assertThat(http.put("/v2/acme/app/manifests/pr-8", manifest.body(), OCI_MANIFEST).statusCode())
                .isEqualTo(201);
        assertThat(server.http().get("/v2/acme/app/manifests/v1.0").statusCode()).isEqualTo(404);
    }

    @Test
    void theRegistryWantsBasicCredentialsThatAreRight() {
        Http anonymous = new Http(server.url());
        for (String path : List.of("/v2/", "/v2/acme/app/tags/list")) {
            HttpResponse<byte[]> r = anonymous.get(path);
            assertError(r, 401, "UNAUTHORIZED");
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("Basic realm="));
        }

        String password = aws.registryPassword(AwsClients.session(
                assume(account.pullRole(), github.token().mint()).credentials()));
        String tampered = password.substring(0, password.length() - 2)
                + (password.endsWith("AA") ? "BB" : "AA");
        for (Http wrong : List.of(anonymous.withBasic("AWS", tampered), anonymous.withBasic("AWS", "not-a-password"),
                anonymous.withBasic(TestServer.ROOT_ACCESS_KEY_ID, "wrong-secret-0123456789"),
                anonymous.withBasic("someone", password))) {
            HttpResponse<byte[]> r = wrong.get("/v2/");
            assertError(r, 401, "UNAUTHORIZED");
            assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
        }
        assertThat(anonymous.withBasic("AWS", password).get("/v2/").statusCode()).isEqualTo(200);
    }

    /**
     * Time passes (the server restarted on the same data with its clock moved): the one-hour session stops working
     * on the AWS APIs (ExpiredToken) and its registry password with it (401), while a password of the long-term root
     * key lives its full 12 hours.
     */
    @Test
    void credentialsAndRegistryPasswordsExpire() throws Exception {
        try (TestServer later = TestServer.start(); AwsClients clients = new AwsClients(later)) {
            Account a = setUp(clients, github);
            Credentials credentials;
            try (StsClient sts = clients.sts(AwsClients.none())) {
                credentials = sts.assumeRoleWithWebIdentity(b -> b.roleArn(a.pushRole())
                        .roleSessionName("GitHubActions").webIdentityToken(github.token().mint())).credentials();
            }
            AwsCredentialsProvider session = AwsClients.session(credentials);
            String sessionPassword = clients.registryPassword(session);
            String rootPassword = clients.registryPassword(AwsClients.root());
            Http registry = new Http(later.url());
            assertThat(registry.withBasic("AWS", sessionPassword).get("/v2/").statusCode()).isEqualTo(200);

            later.restart(Duration.ofHours(2));
            // The AWS APIs' Date header tells SDKs the server's time; they correct their clock skew from it.
            HttpResponse<byte[]> unsigned = registry.post("/", "Action=GetCallerIdentity".getBytes(UTF_8));
            assertThat(unsigned.statusCode()).isEqualTo(403);
            Instant serverTime = DateTimeFormatter.RFC_1123_DATE_TIME.parse(
                    unsigned.headers().firstValue("Date").orElseThrow(), Instant::from);
            assertThat(Duration.between(Instant.now(), serverTime)).isBetween(Duration.ofMinutes(119),
                    Duration.ofMinutes(121));
            try (StsClient sts = clients.sts(session); EcrClient ecr = clients.ecr(session)) {
                assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode() + " " + e.statusCode())
                                .isEqualTo("ExpiredToken 403"));
                assertThatThrownBy(() -> ecr.getAuthorizationToken(b -> {}))
                        .isInstanceOfSatisfying(AwsServiceException.class,
                                e -> assertThat(e.awsErrorDetails().errorCode() + " " + e.statusCode())
                                        .isEqualTo("ExpiredTokenException 400"));
            }
            assertError(registry.withBasic("AWS", sessionPassword).get("/v2/"), 401, "UNAUTHORIZED");
            assertThat(registry.withBasic("AWS", rootPassword).get("/v2/").statusCode()).isEqualTo(200);

            later.restart(Duration.ofHours(13));
            assertError(registry.withBasic("AWS", rootPassword).get("/v2/"), 401, "UNAUTHORIZED");
            assertThat(registry.withBasic("AWS", clients.registryPassword(AwsClients.root())).get("/v2/")
                    .statusCode()).isEqualTo(200);
        }
    }

    /** Jib gave up on a 403 DENIED from the registry, which named the ECR action refused. */
    static void assertJibDenied(ThrowingCallable push, String action) {
        assertThatThrownBy(push).isInstanceOfSatisfying(RegistryUnauthorizedException.class, e -> {
            assertThat(e.getHttpResponseException().getStatusCode()).isEqualTo(403);
            assertThat(e.getHttpResponseException().getContent()).contains("\"DENIED\"").contains(action);
        });
    }

    static AssumeRoleWithWebIdentityResponse assume(String roleArn, String token) {
        try (StsClient sts = aws.sts(AwsClients.none())) {
            return sts.assumeRoleWithWebIdentity(b -> b.roleArn(roleArn).roleSessionName("GitHubActions")
                    .webIdentityToken(token));
        }
    }

    /** Types a minting lambda for the argument table. */
    static Supplier<String> token(Supplier<String> mint) {
        return mint;
    }

    static String registry() {
        return server.url().substring("http://".length());
    }

    static Http registryClient(String password) {
        return new Http(server.url()).withBasic("AWS", password);
    }
}
