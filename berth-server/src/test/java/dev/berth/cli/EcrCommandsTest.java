package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.server.Http;
import dev.berth.server.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth repo|images|lifecycle} against a running server through the real ECR SDK client: with the root key
 * from the environment (an administrator's laptop), and with the role session {@code berth login} saved (a CI job,
 * no AWS variables), where the role's policy decides.
 */
class EcrCommandsTest extends CliAccountServerTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    BerthCli admin() {
        return new BerthCli().env("HOME", home.toString()).env("BERTH_REGISTRY", server.url())
                .env("AWS_ACCESS_KEY_ID", TestServer.ROOT_ACCESS_KEY_ID)
                .env("AWS_SECRET_ACCESS_KEY", TestServer.ROOT_SECRET);
    }

    static JsonNode json(BerthCli.Result r) throws Exception {
        assertThat(r.exitCode()).as(r.all()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void repositoryLifecycleOfCreateListDescribeDelete() throws Exception {
        BerthCli.Result created = admin().run("repo", "create", "acme/svc", "--image-tag-mutability", "IMMUTABLE",
                "--scan-on-push");
        assertThat(created.exitCode()).as(created.all()).isZero();
        assertThat(created.out()).contains("Created repository acme/svc").contains("IMMUTABLE");

        JsonNode described = json(admin().run("repo", "describe", "acme/svc", "--output", "json"));
        assertThat(described.path("imageTagMutability").asText()).isEqualTo("IMMUTABLE");
        assertThat(described.path("scanOnPush").asBoolean()).isTrue();
        assertThat(described.path("repositoryArn").asText())
                .isEqualTo("arn:aws:ecr:us-east-1:" + CliFixtures.ACCOUNT + ":repository/acme/svc");

        BerthCli.Result again = admin().run("repo", "create", "acme/svc");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already exists").contains("--if-not-exists");
        assertThat(admin().run("repo", "create", "acme/svc", "--if-not-exists").exitCode()).isZero();

        JsonNode list = json(admin().run("repo", "list", "-o", "json"));
        assertThat(list.path("repositories").findValuesAsText("repositoryName")).contains("acme/svc", "acme/app");
        assertThat(admin().run("repo", "list").out()).contains("NAME").contains("acme/svc");

        assertThat(admin().run("repo", "delete", "acme/svc").exitCode()).isZero();
        BerthCli.Result gone = admin().run("repo", "describe", "acme/svc");
        assertThat(gone.exitCode()).isEqualTo(7);
        assertThat(gone.err()).contains("RepositoryNotFoundException");
    }

    @Test
    void imagesListAndDescribe() throws Exception {
        Http asRoot = new Http(server.url()).withBasic(TestServer.ROOT_ACCESS_KEY_ID, TestServer.ROOT_SECRET);
        assertThat(admin().run("repo", "create", "acme/images").exitCode()).isZero();
        assertThat(CliFixtures.pushImage(asRoot, "acme/images", "v1", 11)).isEqualTo(201);
        assertThat(CliFixtures.pushImage(asRoot, "acme/images", "v2", 12)).isEqualTo(201);

        JsonNode list = json(admin().run("images", "list", "acme/images", "-o", "json"));
        assertThat(list.path("imageDetails")).hasSize(2);
        assertThat(list.path("imageDetails").findValuesAsText("imageDigest")).allMatch(d -> d.startsWith("sha256:"));
        assertThat(admin().run("images", "list", "acme/images").out()).contains("v1").contains("v2").contains("DIGEST");

        JsonNode v2 = json(admin().run("images", "describe", "acme/images:v2", "-o", "json"));
        assertThat(v2.path("imageTags").get(0).asText()).isEqualTo("v2");
        String digest = v2.path("imageDigest").asText();
        JsonNode byDigest = json(admin().run("images", "describe", "acme/images@" + digest, "-o", "json"));
        assertThat(byDigest.path("imageTags").get(0).asText()).isEqualTo("v2");

        BerthCli.Result missing = admin().run("images", "describe", "acme/images:v9");
        assertThat(missing.exitCode()).isEqualTo(7);
        assertThat(missing.err()).contains("ImageNotFoundException");
        BerthCli.Result malformed = admin().run("images", "describe", "acme/images@sha256:nothex");
        assertThat(malformed.exitCode()).isEqualTo(2);
    }

    @Test
    void lifecyclePutGetAndPreviewNameTheRule() throws Exception {
        Http asRoot = new Http(server.url()).withBasic(TestServer.ROOT_ACCESS_KEY_ID, TestServer.ROOT_SECRET);
        assertThat(admin().run("repo", "create", "acme/rel").exitCode()).isZero();
        assertThat(CliFixtures.pushImage(asRoot, "acme/rel", "v1.0", 21)).isEqualTo(201);
        assertThat(CliFixtures.pushImage(asRoot, "acme/rel", "v1.1", 22)).isEqualTo(201);
        String oldDigest = json(admin().run("images", "describe", "acme/rel:v1.0", "-o", "json"))
                .path("imageDigest").asText();
        Path policy = home.resolve("policy.json");
        Files.writeString(policy, """
                {"rules": [
                  {"rulePriority": 1, "description": "Keep last 1 release",
                   "selection": {"tagStatus": "tagged", "tagPrefixList": ["v"], "countType": "imageCountMoreThan",
                                 "countNumber": 1},
                   "action": {"type": "expire"}},
                  {"rulePriority": 2, "description": "Remove untagged images after 7 days",
                   "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days",
                                 "countNumber": 7},
                   "action": {"type": "expire"}}]}""");

        BerthCli.Result put = admin().run("lifecycle", "put", "acme/rel", "--file", policy.toString());
        assertThat(put.exitCode()).as(put.all()).isZero();
        assertThat(put.out()).contains("2 rules");
        JsonNode got = json(admin().run("lifecycle", "get", "acme/rel", "-o", "json"));
        assertThat(got.path("lifecyclePolicy").path("rules").get(0).path("description").asText())
                .isEqualTo("Keep last 1 release");

        BerthCli.Result preview = admin().run("lifecycle", "preview", "acme/rel");
        assertThat(preview.exitCode()).as(preview.all()).isZero();
        assertThat(preview.out()).contains("1 image of acme/rel would expire now").contains(oldDigest)
                .contains("v1.0").contains("1 Keep last 1 release").doesNotContain("v1.1");
        JsonNode previewJson = json(admin().run("lifecycle", "preview", "acme/rel", "-o", "json"));
        assertThat(previewJson.path("status").asText()).isEqualTo("COMPLETE");
        assertThat(previewJson.path("expiring")).hasSize(1);
        assertThat(previewJson.path("expiring").get(0).path("appliedRulePriority").asInt()).isEqualTo(1);
        // a preview deletes nothing
        assertThat(json(admin().run("images", "list", "acme/rel", "-o", "json")).path("imageDetails")).hasSize(2);

        BerthCli.Result none = admin().run("lifecycle", "get", "acme/app");
        assertThat(none.exitCode()).isEqualTo(7);
        assertThat(none.err()).contains("LifecyclePolicyNotFoundException");
    }

    @Test
    void afterLoginTheCommandsActAsTheRoleWithNoAwsVariables() throws Exception {
        BerthCli job = new BerthCli().env("HOME", home.toString()).env("BERTH_REGISTRY", server.url())
                .env("ACTIONS_ID_TOKEN_REQUEST_URL", github.requestUrl())
                .env("ACTIONS_ID_TOKEN_REQUEST_TOKEN", GitHubTokenEndpoint.REQUEST_TOKEN);
        BerthCli.Result noLogin = job.run("images", "list", "acme/app");
        assertThat(noLogin.exitCode()).isEqualTo(4);
        assertThat(noLogin.err()).contains("Run berth login first");

        assertThat(job.run("login", "--role-arn", account.pushRole()).exitCode()).isZero();
        assertThat(job.run("images", "list", "acme/app", "-o", "json").exitCode()).isZero();

        BerthCli.Result denied = job.run("repo", "create", "acme/not-allowed");
        assertThat(denied.exitCode()).isEqualTo(6);
        assertThat(denied.err()).contains("GitHubActions-ECR-PushRole").contains("ecr:CreateRepository");
    }

    @Test
    void withoutARegistryTheCommandSaysHowToNameOne() {
        BerthCli.Result r = new BerthCli().env("HOME", home.toString()).run("repo", "list");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--registry").contains("BERTH_REGISTRY");
    }
}
