package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.cli.dockerconfig.DockerConfig;
import dev.berth.cli.dockerconfig.RegistryCredentials;
import dev.berth.server.Http;
import dev.berth.server.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth login} against a running server, with a GitHub-shaped token service on loopback backed by a test
 * OIDC issuer: the push role's login writes docker credentials that push an image; the pull role's can pull but
 * not push; GitLab's variable, a token file and static credentials work; refusals (trust, unknown role, expired
 * token, audience, no token at all) exit with their documented codes and say what to check, and no secret is
 * ever printed.
 */
class CliLoginTest extends CliAccountServerTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @BeforeEach
    void defaultClaims() {
        github.claims(token -> token);
    }

    /** A GitHub Actions job's environment: the token request variables, and a home of its own. */
    BerthCli githubJob() {
        return new BerthCli().env("HOME", home.toString())
                .env("ACTIONS_ID_TOKEN_REQUEST_URL", github.requestUrl())
                .env("ACTIONS_ID_TOKEN_REQUEST_TOKEN", GitHubTokenEndpoint.REQUEST_TOKEN);
    }

    Path dockerConfig() {
        return home.resolve(".docker/config.json");
    }

    RegistryCredentials savedDockerCredentials() {
        return DockerConfig.at(dockerConfig()).inlineCredentials(host()).orElseThrow();
    }

    @Test
    void pushRoleLoginFromGitHubWritesDockerCredentialsThatPush() throws Exception {
        int asked = github.audiences().size();
        BerthCli.Result r = githubJob().run("login", "--role-arn", account.pushRole(), "--registry", server.url());

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(github.audiences()).hasSize(asked + 1).last().isEqualTo("sts.amazonaws.com");
        assertThat(r.out()).contains("Logged in to " + host())
                .contains("assumed-role/GitHubActions-ECR-PushRole/berth")
                .contains("GitHub Actions").contains("password valid until").contains(dockerConfig().toString());
        RegistryCredentials credentials = savedDockerCredentials();
        assertThat(credentials.username()).isEqualTo("AWS");
        assertThat(r.all()).doesNotContain(credentials.secret());
        assertThat(Files.getPosixFilePermissions(dockerConfig())).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        Http asPushRole = new Http(server.url()).withBasic(credentials.username(), credentials.secret());
        assertThat(CliFixtures.pushImage(asPushRole, "acme/app", "cli-login", 1)).isEqualTo(201);
        assertThat(asPushRole.get("/v2/acme/app/manifests/cli-login").statusCode()).isEqualTo(200);

        // the saved session is a secret too: owner-only, and never printed
        Path saved = home.resolve(".config/berth/logins/" + host().replace(':', '_') + ".json");
        assertThat(Files.getPosixFilePermissions(saved)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        JsonNode login = JSON.readTree(saved.toFile());
        assertThat(login.path("origin").asText()).isEqualTo("WEB_IDENTITY");
        assertThat(r.all()).doesNotContain(login.path("session").path("secretAccessKey").asText())
                .doesNotContain(login.path("session").path("sessionToken").asText());
    }

    @Test
    void pullRoleLoginPullsButCannotPush() {
        github.claims(token -> token.subject("repo:acme/web:pull_request"));
        BerthCli.Result r = githubJob().run("login", "--role-arn", account.pullRole(), "--registry", server.url());
        assertThat(r.exitCode()).as(r.all()).isZero();

        RegistryCredentials credentials = savedDockerCredentials();
        Http asRoot = new Http(server.url()).withBasic(TestServer.ROOT_ACCESS_KEY_ID, TestServer.ROOT_SECRET);
        assertThat(CliFixtures.pushImage(asRoot, "acme/app", "for-pull", 2)).isEqualTo(201);
        Http asPullRole = new Http(server.url()).withBasic(credentials.username(), credentials.secret());
        assertThat(asPullRole.get("/v2/acme/app/manifests/for-pull").statusCode()).isEqualTo(200);
        assertThat(asPullRole.put("/v2/acme/app/manifests/by-pull-role",
                asPullRole.get("/v2/acme/app/manifests/for-pull").body(), "application/vnd.oci.image.manifest.v1+json")
                .statusCode()).isEqualTo(403);
    }

    @Test
    void refusedTrustShowsTheTokensClaimsAndExits6() {
        github.claims(token -> token.subject("repo:acme/app:ref:refs/heads/feature"));
        BerthCli.Result r = githubJob().run("login", "--role-arn", account.pushRole(), "--registry", server.url());

        assertThat(r.exitCode()).isEqualTo(6);
        assertThat(r.err()).contains("role " + account.pushRole() + " refused the token")
                .contains("sub=repo:acme/app:ref:refs/heads/feature").contains("aud=sts.amazonaws.com")
                .contains("iss=" + issuer.url()).contains("trust policy").contains(issuer.host() + ":sub");
        assertThat(Files.exists(dockerConfig())).isFalse();
    }

    @Test
    void unknownRoleExits6AndSaysTheRoleMayNotExist() {
        String missing = "arn:aws:iam::" + CliFixtures.ACCOUNT + ":role/NoSuchRole";
        BerthCli.Result r = githubJob().run("login", "--role-arn", missing, "--registry", server.url());

        assertThat(r.exitCode()).isEqualTo(6);
        assertThat(r.err()).contains(missing).contains("does not exist");
    }

    @Test
    void malformedRoleArnIsAUsageError() {
        BerthCli.Result r = githubJob().run("login", "--role-arn", "GitHubActions-ECR-PushRole", "--registry",
                server.url());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("not a valid ARN");
    }

    @Test
    void expiredTokenFromAFileExits5WithItsExpiry() throws Exception {
        Instant exp = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        Path tokenFile = home.resolve("token");
        Files.writeString(tokenFile, issuer.token().claim("exp", exp.getEpochSecond())
                .claim("iat", exp.minusSeconds(300).getEpochSecond())
                .claim("nbf", exp.minusSeconds(600).getEpochSecond()).mint() + "\n");
        BerthCli.Result r = new BerthCli().env("HOME", home.toString())
                .run("login", "--role-arn", account.pushRole(), "--registry", server.url(),
                        "--web-identity-token-file", tokenFile.toString());

        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.err()).contains("has expired").contains("exp " + exp).contains("--web-identity-token-file");
    }

    @Test
    void theSdkVariablesAloneLogInAndTheDurationReachesSts() throws Exception {
        Path tokenFile = home.resolve("eks-token");
        Files.writeString(tokenFile, issuer.token().mint());
        Instant before = Instant.now();
        BerthCli.Result r = new BerthCli().env("HOME", home.toString()).env("BERTH_REGISTRY", server.url())
                .env("AWS_ROLE_ARN", account.pushRole()).env("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile.toString())
                .run("login", "--duration", "15m", "--session-name", "release-42");

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("assumed-role/GitHubActions-ECR-PushRole/release-42")
                .contains("AWS_WEB_IDENTITY_TOKEN_FILE");
        JsonNode session = JSON.readTree(home.resolve(".config/berth/logins/" + host().replace(':', '_') + ".json")
                .toFile()).path("session");
        Instant expiration = Instant.parse(session.path("expiration").asText());
        assertThat(expiration).isBetween(before.plus(Duration.ofMinutes(14)), Instant.now().plus(Duration.ofMinutes(16)));
    }

    @Test
    void anAudienceTheProviderDoesNotListExits5() {
        BerthCli.Result r = githubJob().run("login", "--role-arn", account.pushRole(), "--registry", server.url(),
                "--audience", "https://github.com/acme");

        assertThat(github.audiences()).contains("https://github.com/acme");
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.err()).contains("Incorrect token audience").contains("aud=https://github.com/acme")
                .contains("--audience");
    }

    @Test
    void noTokenSourceListsEverySourceTried() {
        BerthCli.Result r = new BerthCli().env("HOME", home.toString())
                .run("login", "--role-arn", account.pushRole(), "--registry", server.url());

        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err()).contains("no OIDC token found").contains("BERTH_ID_TOKEN")
                .contains("ACTIONS_ID_TOKEN_REQUEST_URL").contains("AWS_WEB_IDENTITY_TOKEN_FILE")
                .contains("id-token: write");
    }

    @Test
    void gitHubRequestTokenIsChecked() {
        BerthCli.Result r = githubJob().env("ACTIONS_ID_TOKEN_REQUEST_TOKEN", "not-this-job")
                .run("login", "--role-arn", account.pushRole(), "--registry", server.url());
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err()).contains("answered 401").contains("id-token: write");
    }

    @Test
    void gitLabIdTokenVariableLogsIn() {
        String token = issuer.token().subject("repo:acme/web:ref:refs/heads/main").mint();
        BerthCli.Result r = new BerthCli().env("HOME", home.toString()).env("CI_JOB_JWT_BERTH", token)
                .env("BERTH_REGISTRY", server.url())
                .run("login", "--role-arn", account.pullRole(), "--id-token-env", "CI_JOB_JWT_BERTH");

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("CI_JOB_JWT_BERTH").contains("GitHubActions-ECR-PullRole");
        RegistryCredentials credentials = savedDockerCredentials();
        assertThat(new Http(server.url()).withBasic(credentials.username(), credentials.secret()).get("/v2/")
                .statusCode()).isEqualTo(200);
    }

    @Test
    void staticCredentialsFromAProfileSkipTheOidcStep() throws Exception {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"), "[berth]\naws_access_key_id = "
                + TestServer.ROOT_ACCESS_KEY_ID + "\naws_secret_access_key = " + TestServer.ROOT_SECRET + "\n");
        Path config = home.resolve("elsewhere/config.json");
        BerthCli.Result r = new BerthCli().env("HOME", home.toString()).env("AWS_PROFILE", "berth")
                .run("login", "--registry", server.url(), "--config", config.toString());

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("profile berth").contains(TestServer.ROOT_ACCESS_KEY_ID)
                .doesNotContain(TestServer.ROOT_SECRET);
        RegistryCredentials credentials = DockerConfig.at(config).inlineCredentials(host()).orElseThrow();
        assertThat(new Http(server.url()).withBasic(credentials.username(), credentials.secret()).get("/v2/")
                .statusCode()).isEqualTo(200);
    }

    @Test
    void withoutRoleOrCredentialsTheMessageSaysWhatToDo() {
        BerthCli.Result r = new BerthCli().env("HOME", home.toString()).run("login", "--registry", server.url());
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err()).contains("no --role-arn and no AWS credentials").contains("AWS_ACCESS_KEY_ID")
                .contains(home.resolve(".aws/credentials").toString());
    }

    @Test
    void unreachableRegistryExits8() {
        BerthCli.Result r = new BerthCli().env("HOME", home.toString())
                .env("AWS_ACCESS_KEY_ID", TestServer.ROOT_ACCESS_KEY_ID)
                .env("AWS_SECRET_ACCESS_KEY", TestServer.ROOT_SECRET)
                .run("login", "--registry", "http://127.0.0.1:1");
        assertThat(r.exitCode()).isEqualTo(8);
        assertThat(r.err()).contains("cannot reach the registry");
    }
}
