package dev.berth.server;

import static dev.berth.server.Fixtures.OCI_MANIFEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.iam.Arn;
import dev.berth.metadata.JdbcMetadataStore;
import dev.berth.metadata.StsSession;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.RegistryPolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryCreationTemplate;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryPolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.RCTAppliedFor;
import software.amazon.awssdk.services.ecr.model.TemplateAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.TemplateNotFoundException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Repository and registry policies through the real ECR client, enforced on both APIs for a role session (the role and
 * its policy made with the real IAM client); repository-creation templates and create-on-push.
 */
class EcrPolicyApiTest {
    static final String ACCOUNT = "123456789012";
    static final String DENY_PUSH = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"OnlyRootPushes\","
            + "\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"ecr:PutImage\"}]}";
    static final String DENY_PULL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoPulls\","
            + "\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"ecr:BatchGetImage\",\"Resource\":\"*\"}]}";

    static TestServer server;
    static EcrClient root;
    static EcrClient session;
    static Http rootHttp;
    static Http sessionHttp;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        root = EcrClients.ecr(server);
        rootHttp = server.http();
        String roleArn;
        String roleId;
        try (IamClient iam = EcrClients.iam(server)) {
            String provider = iam.createOpenIDConnectProvider(r -> r.url("https://token.actions.githubusercontent.com")
                    .clientIDList("sts.amazonaws.com").thumbprintList("6938fd4d98bab03faadb97b34396831e3780aea1"))
                    .openIDConnectProviderArn();
            var role = iam.createRole(r -> r.roleName("ci-push").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                            + provider + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\"}]}")).role();
            roleArn = role.arn();
            roleId = role.roleId();
            iam.putRolePolicy(r -> r.roleName("ci-push").policyName("push-pull").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":["
                            + "\"ecr:GetAuthorizationToken\",\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\","
                            + "\"ecr:BatchCheckLayerAvailability\",\"ecr:InitiateLayerUpload\",\"ecr:UploadLayerPart\","
                            + "\"ecr:CompleteLayerUpload\",\"ecr:PutImage\",\"ecr:DescribeImages\"],\"Resource\":\"*\"}]}"));
        }
        // The session STS would issue for a web identity, written where STS writes it (OIDC end to end is tested
        // elsewhere); from here on it is used only through the real clients.
        String keyId = "ASIABERTHTESTSESSION";
        String secret = "session-secret-0123456789abcdefghijklmn";
        String token = "session-token-" + Base64.getEncoder().encodeToString(new byte[48]);
        Instant now = Instant.now();
        try (JdbcMetadataStore store = JdbcMetadataStore.sqlite(server.dataDir().resolve("metadata.db"))) {
            store.iamStore().saveSession(new StsSession(keyId, secret, StsSession.tokenSha256(token),
                    Arn.parse("arn:aws:sts::" + ACCOUNT + ":assumed-role/ci-push/gha"), Arn.parse(roleArn), roleId,
                    "gha", "repo:acme/app:ref:refs/heads/main", "", "{}", now, now.plus(Duration.ofHours(1))));
        }
        var credentials = EcrClients.session(keyId, secret, token);
        try (StsClient sts = EcrClients.sts(server, credentials)) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/ci-push/gha");
        }
        session = EcrClients.ecr(server, credentials);
        String basic = new String(Base64.getDecoder().decode(session.getAuthorizationToken(r -> { })
                .authorizationData().getFirst().authorizationToken()), StandardCharsets.UTF_8);
        sessionHttp = new Http(server.url()).withBasic("AWS", basic.substring("AWS:".length()));
        root.createRepository(r -> r.repositoryName("pol/app"));
    }

    @AfterAll
    static void stop() throws Exception {
        root.close();
        session.close();
        server.close();
    }

    static HttpResponse<byte[]> push(Http http, String repo, long seed, String tag) {
        byte[] manifest = EcrClients.image(rootHttp, repo, seed, 100);
        return http.put("/v2/" + repo + "/manifests/" + tag, manifest, OCI_MANIFEST);
    }

    @Test
    void aRepositoryPolicyDecidesPushesOnBothApis() {
        assertThat(push(sessionHttp, "pol/app", 1, "before").statusCode()).isEqualTo(201);
        assertThat(root.setRepositoryPolicy(r -> r.repositoryName("pol/app").policyText(DENY_PUSH)).policyText())
                .isEqualTo(DENY_PUSH);
        assertThat(root.getRepositoryPolicy(r -> r.repositoryName("pol/app")).policyText()).isEqualTo(DENY_PUSH);

        HttpResponse<byte[]> refused = push(sessionHttp, "pol/app", 2, "during");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Http.text(refused)).contains("DENIED");
        assertThat(sessionHttp.get("/v2/pol/app/manifests/before").statusCode()).isEqualTo(200);
        byte[] manifest = EcrClients.image(rootHttp, "pol/app", 3, 100);
        assertThatThrownBy(() -> session.putImage(r -> r.repositoryName("pol/app").imageTag("api")
                .imageManifest(new String(manifest, StandardCharsets.UTF_8))))
                .isInstanceOf(EcrException.class).hasMessageContaining("ecr:PutImage")
                .satisfies(e -> assertThat(((EcrException) e).awsErrorDetails().errorCode())
                        .isEqualTo("AccessDeniedException"));
        assertThat(push(rootHttp, "pol/app", 4, "by-root").statusCode()).isEqualTo(201);

        assertThat(root.deleteRepositoryPolicy(r -> r.repositoryName("pol/app")).policyText()).isEqualTo(DENY_PUSH);
        assertThat(push(sessionHttp, "pol/app", 5, "after").statusCode()).isEqualTo(201);
        assertThatThrownBy(() -> root.getRepositoryPolicy(r -> r.repositoryName("pol/app")))
                .isInstanceOf(RepositoryPolicyNotFoundException.class);
        assertThatThrownBy(() -> root.deleteRepositoryPolicy(r -> r.repositoryName("pol/app")))
                .isInstanceOf(RepositoryPolicyNotFoundException.class);
    }

    @Test
    void policiesAreValidatedByThePolicyEngine() {
        assertThatThrownBy(() -> root.setRepositoryPolicy(r -> r.repositoryName("pol/app").policyText(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ecr:*\"}]}")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Invalid repository policy provided");
        assertThatThrownBy(() -> root.setRepositoryPolicy(r -> r.repositoryName("pol/app").policyText("not json")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> root.setRepositoryPolicy(r -> r.repositoryName("pol/missing").policyText(DENY_PUSH)))
                .isInstanceOf(RepositoryNotFoundException.class);
        assertThatThrownBy(() -> root.putRegistryPolicy(r -> r.policyText("{}")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Invalid registry policy provided");
    }

    @Test
    void theRegistryPolicyAppliesToEveryRepository() {
        assertThat(push(rootHttp, "pol/reg", 6, "v1").statusCode()).isEqualTo(201);
        assertThat(sessionHttp.get("/v2/pol/reg/manifests/v1").statusCode()).isEqualTo(200);
        root.putRegistryPolicy(r -> r.policyText(DENY_PULL));
        try {
            assertThat(root.getRegistryPolicy(r -> { }).policyText()).isEqualTo(DENY_PULL);
            assertThat(sessionHttp.get("/v2/pol/reg/manifests/v1").statusCode()).isEqualTo(403);
            assertThat(rootHttp.get("/v2/pol/reg/manifests/v1").statusCode()).isEqualTo(200);
        } finally {
            assertThat(root.deleteRegistryPolicy(r -> { }).policyText()).isEqualTo(DENY_PULL);
        }
        assertThat(sessionHttp.get("/v2/pol/reg/manifests/v1").statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> root.getRegistryPolicy(r -> { })).isInstanceOf(RegistryPolicyNotFoundException.class);
        assertThatThrownBy(() -> root.deleteRegistryPolicy(r -> { }))
                .isInstanceOf(RegistryPolicyNotFoundException.class);
    }

    @Test
    void aPushCreatesARepositoryOnlyForACallerAllowedToCreateOne() {
        HttpResponse<byte[]> refused = sessionHttp.post("/v2/pol/fresh/blobs/uploads/", null);
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(Http.text(refused)).contains("NAME_UNKNOWN")
                .contains("The repository with name 'pol/fresh' does not exist in the registry with id");
        assertThatThrownBy(() -> root.describeRepositories(r -> r.repositoryNames("pol/fresh")))
                .isInstanceOf(RepositoryNotFoundException.class);
        assertThat(push(rootHttp, "pol/fresh", 7, "v1").statusCode()).isEqualTo(201);
        assertThat(root.describeRepositories(r -> r.repositoryNames("pol/fresh")).repositories()).hasSize(1);
    }

    @Test
    void aCreationTemplateShapesTheRepositoriesPushesCreate() {
        var created = root.createRepositoryCreationTemplate(r -> r.prefix("auto").description("pushed repos")
                .appliedFor(RCTAppliedFor.CREATE_ON_PUSH).imageTagMutability(ImageTagMutability.IMMUTABLE)
                .resourceTags(EcrRepositoryApiTest.tag("owner", "ci")).repositoryPolicy(DENY_PUSH));
        assertThat(created.registryId()).isEqualTo(ACCOUNT);
        assertThatThrownBy(() -> root.createRepositoryCreationTemplate(r -> r.prefix("auto")
                .appliedFor(RCTAppliedFor.CREATE_ON_PUSH))).isInstanceOf(TemplateAlreadyExistsException.class);
        root.createRepositoryCreationTemplate(r -> r.prefix("ROOT").appliedFor(RCTAppliedFor.REPLICATION));

        assertThat(push(rootHttp, "auto/svc", 8, "v1").statusCode()).isEqualTo(201);
        var repo = root.describeRepositories(r -> r.repositoryNames("auto/svc")).repositories().getFirst();
        assertThat(repo.imageTagMutability()).isEqualTo(ImageTagMutability.IMMUTABLE);
        assertThat(root.listTagsForResource(r -> r.resourceArn(repo.repositoryArn())).tags())
                .containsExactly(EcrRepositoryApiTest.tag("owner", "ci"));
        assertThat(root.getRepositoryPolicy(r -> r.repositoryName("auto/svc")).policyText()).isEqualTo(DENY_PUSH);
        assertThat(push(rootHttp, "automatic/svc", 9, "v1").statusCode()).isEqualTo(201);
        assertThat(root.describeRepositories(r -> r.repositoryNames("automatic/svc")).repositories().getFirst()
                .imageTagMutability()).isEqualTo(ImageTagMutability.MUTABLE);

        var updated = root.updateRepositoryCreationTemplate(r -> r.prefix("auto").description("changed"));
        assertThat(updated.repositoryCreationTemplate().description()).isEqualTo("changed");
        assertThat(updated.repositoryCreationTemplate().imageTagMutability()).isEqualTo(ImageTagMutability.IMMUTABLE);
        assertThat(root.describeRepositoryCreationTemplates(r -> { }).repositoryCreationTemplates())
                .extracting(RepositoryCreationTemplate::prefix).containsExactly("ROOT", "auto");
        assertThat(root.describeRepositoryCreationTemplatesPaginator(r -> r.maxResults(1))
                .repositoryCreationTemplates()).hasSize(2);
        root.deleteRepositoryCreationTemplate(r -> r.prefix("auto"));
        root.deleteRepositoryCreationTemplate(r -> r.prefix("ROOT"));
        assertThatThrownBy(() -> root.deleteRepositoryCreationTemplate(r -> r.prefix("auto")))
                .isInstanceOf(TemplateNotFoundException.class);
    }
}
