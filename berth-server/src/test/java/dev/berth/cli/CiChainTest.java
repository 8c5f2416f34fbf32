package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.server.OidcIssuer;
import dev.berth.server.TestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's chain end to end, as two GitHub Actions jobs of the seeds' workflows would run it against a running
 * Berth: a GitHub-shaped token service on loopback backed by a test OIDC issuer; the release job (a token for
 * {@code main}) logs in with the push role and pushes an OCI layout built here; a pull-request job logs in with the
 * pull role, cannot push, reads the image's details and pulls it back byte for byte. Every step is a {@code berth}
 * command line, with the job's environment and nothing else (the docker config and saved login under its own home).
 */
class CiChainTest {
    static OidcIssuer issuer;
    static GitHubTokenEndpoint github;
    static TestServer server;
    static CliFixtures.Account account;
    static String host;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        issuer = OidcIssuer.start();
        github = GitHubTokenEndpoint.start(issuer);
        server = TestServer.start();
        account = CliFixtures.setUp(server, issuer);
        host = Cli.hostOf(server);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        github.close();
        issuer.close();
    }

    /**
     * A job on a runner of its own: GitHub's token request variables, a fresh home, and {@code BERTH_REGISTRY} as the
     * Berth action exports it for later steps.
     */
    BerthCli job(String name) {
        return new BerthCli().env("HOME", work.resolve(name).toString())
                .env("ACTIONS_ID_TOKEN_REQUEST_URL", github.requestUrl())
                .env("ACTIONS_ID_TOKEN_REQUEST_TOKEN", GitHubTokenEndpoint.REQUEST_TOKEN)
                .env("BERTH_REGISTRY", server.url());
    }

    static void succeeded(BerthCli.Result result, String step) {
        assertThat(result.exitCode()).as("%s:%n%s", step, result.all()).isZero();
    }

    @Test
    void releaseJobPushesWithThePushRoleAndAPullRequestJobPullsTheSameBytes() {
        github.claims(token -> token.subject("repo:acme/app:ref:refs/heads/main"));
        BerthCli release = job("release");
        BerthCli.Result login = release.run("login", "--role-arn", account.pushRole());
        succeeded(login, "berth login (push role)");
        assertThat(login.out()).contains("assumed-role/GitHubActions-ECR-PushRole/");

        Path built = work.resolve("build/image");
        TestImages.MultiArch image = TestImages.multiArchLayout(built, "v1.0", 40_000, "linux/amd64", "linux/arm64");
        BerthCli.Result push = release.run("push", built.toString(),
                host + "/acme/app:v1.0");
        succeeded(push, "berth push");
        assertThat(push.out()).contains(host + "/acme/app:v1.0@" + image.indexDigest())
                .contains("5 blobs transferred");

        github.claims(token -> token.subject("repo:acme/app:pull_request"));
        BerthCli ci = job("ci");
        BerthCli.Result pullLogin = ci.run("login", "--role-arn", account.pullRole());
        succeeded(pullLogin, "berth login (pull role)");
        assertThat(pullLogin.out()).contains("assumed-role/GitHubActions-ECR-PullRole/");

        // the pull role may read, never write: a push of the same layout under another tag is refused
        BerthCli.Result refused = ci.run("push", built.toString(),
                host + "/acme/app:from-a-pull-request");
        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
        assertThat(refused.err()).contains("403");

        // a later step of the same job uses the saved role session for the ECR API
        BerthCli.Result described = ci.run("images", "describe", "acme/app:v1.0");
        succeeded(described, "berth images describe");
        assertThat(described.out()).contains(image.indexDigest()).contains("v1.0");

        Path pulled = work.resolve("pulled");
        BerthCli.Result pull = ci.run("pull", host + "/acme/app:v1.0",
                pulled.toString());
        succeeded(pull, "berth pull");
        Map<String, byte[]> expected = TestImages.blobs(built);
        Map<String, byte[]> actual = TestImages.blobs(pulled);
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((path, bytes) -> assertThat(actual.get(path)).as(path).isEqualTo(bytes));
        JsonNode entry = TestImages.json(pulled.resolve("index.json")).get("manifests").get(0);
        JsonNode builtEntry = TestImages.json(built.resolve("index.json")).get("manifests").get(0);
        assertThat(entry).isEqualTo(builtEntry);
    }
}
