package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.dockerconfig.DockerConfig;
import dev.berth.server.Http;
import dev.berth.server.TestServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The credential helper after {@code berth login --credential-helper}: the docker config routes the registry to
 * {@code berth}; {@code get}/{@code list}/{@code erase}/{@code store} speak the docker protocol on stdin/stdout;
 * {@code get} renews a missing password and, once the role session has expired, assumes the role again while the
 * job's token service is at hand. The real {@code docker-credential-berth} script is run in a subprocess, and
 * skopeo finds it through {@code credHelpers} in its auth file.
 */
class CredentialHelperTest extends CliAccountServerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path REPO_ROOT = Path.of("").toAbsolutePath().getParent();

    @TempDir
    Path home;

    BerthCli githubJob() {
        return new BerthCli().env("HOME", home.toString())
                .env("ACTIONS_ID_TOKEN_REQUEST_URL", github.requestUrl())
                .env("ACTIONS_ID_TOKEN_REQUEST_TOKEN", GitHubTokenEndpoint.REQUEST_TOKEN);
    }

    void loginWithHelper() {
        BerthCli.Result login = githubJob().run("login", "--role-arn", account.pushRole(), "--registry",
                server.url(), "--credential-helper");
        assertThat(login.exitCode()).as(login.all()).isZero();
        assertThat(login.out()).contains("credHelpers");
    }

    static int v2Status(JsonNode credentials) {
        return new Http(server.url()).withBasic(credentials.path("Username").asText(),
                credentials.path("Secret").asText()).get("/v2/").statusCode();
    }

    @Test
    void loginRoutesTheRegistryToTheHelperWhichAnswersGet() throws Exception {
        loginWithHelper();
        DockerConfig docker = DockerConfig.at(home.resolve(".docker/config.json"));
        assertThat(docker.credentialHelper(host())).contains("berth");
        assertThat(docker.inlineCredentials(host())).isEmpty();

        BerthCli.Result get = githubJob().runWithInput(host() + "\n", "credential-helper", "get");
        assertThat(get.exitCode()).as(get.all()).isZero();
        JsonNode answer = JSON.readTree(get.out());
        assertThat(answer.path("ServerURL").asText()).isEqualTo(host());
        assertThat(answer.path("Username").asText()).isEqualTo("AWS");
        assertThat(v2Status(answer)).isEqualTo(200);

        // docker may pass a URL with scheme and path
        BerthCli.Result byUrl = githubJob().runWithInput(server.url() + "/v2/", "credential-helper", "get");
        assertThat(JSON.readTree(byUrl.out()).path("Secret").asText()).isEqualTo(answer.path("Secret").asText());

        BerthCli.Result list = githubJob().run("credential-helper", "list");
        assertThat(JSON.readTree(list.out()).path(host()).asText()).isEqualTo("AWS");
    }

    @Test
    void unknownServerIsNotFoundAsDockerExpects() {
        BerthCli.Result get = new BerthCli().env("HOME", home.toString())
                .runWithInput("registry.example:5000", "credential-helper", "get");
        assertThat(get.exitCode()).isEqualTo(1);
        assertThat(get.out().strip()).isEqualTo("credentials not found in native keychain");
    }

    @Test
    void eraseForgetsAndStoreKeepsWhatDockerLoginGives() throws Exception {
        loginWithHelper();
        BerthCli cli = new BerthCli().env("HOME", home.toString());
        assertThat(cli.runWithInput(host(), "credential-helper", "erase").exitCode()).isZero();
        assertThat(cli.runWithInput(host(), "credential-helper", "get").out())
                .contains("credentials not found in native keychain");

        String stored = "{\"ServerURL\":\"" + host() + "\",\"Username\":\"" + TestServer.ROOT_ACCESS_KEY_ID
                + "\",\"Secret\":\"" + TestServer.ROOT_SECRET + "\"}";
        assertThat(cli.runWithInput(stored, "credential-helper", "store").exitCode()).isZero();
        JsonNode answer = JSON.readTree(cli.runWithInput(host(), "credential-helper", "get").out());
        assertThat(answer.path("Username").asText()).isEqualTo(TestServer.ROOT_ACCESS_KEY_ID);
        assertThat(v2Status(answer)).isEqualTo(200);
    }

    @Test
    void getRenewsAMissingPasswordFromTheSavedSession() throws Exception {
        loginWithHelper();
        Path saved = home.resolve(".config/berth/logins/" + host().replace(':', '_') + ".json");
        ObjectNode login = (ObjectNode) JSON.readTree(saved.toFile());
        login.remove("password");
        Files.writeString(saved, login.toString());
        int tokensBefore = github.audiences().size();

        // no token service in this environment: the renewal can only come from the saved role session
        BerthCli.Result get = new BerthCli().env("HOME", home.toString())
                .runWithInput(host(), "credential-helper", "get");
        assertThat(get.exitCode()).as(get.all()).isZero();
        assertThat(v2Status(JSON.readTree(get.out()))).isEqualTo(200);
        assertThat(github.audiences()).hasSize(tokensBefore);
        assertThat(JSON.readTree(saved.toFile()).path("password").path("secret").asText())
                .isEqualTo(JSON.readTree(get.out()).path("Secret").asText());
    }

    @Test
    void afterTheSessionExpiresGetAssumesTheRoleAgainWhileATokenIsAtHand() throws Exception {
        loginWithHelper();
        Clock twoHoursLater = Clock.fixed(Instant.now().plus(Duration.ofHours(2)), ZoneOffset.UTC);

        BerthCli.Result withoutToken = new BerthCli().env("HOME", home.toString()).clock(twoHoursLater)
                .runWithInput(host(), "credential-helper", "get");
        assertThat(withoutToken.exitCode()).isEqualTo(1);
        assertThat(withoutToken.out()).contains("expired").contains("run berth login again")
                .contains(account.pushRole());

        int tokensBefore = github.audiences().size();
        BerthCli.Result renewed = githubJob().clock(twoHoursLater).runWithInput(host(), "credential-helper", "get");
        assertThat(renewed.exitCode()).as(renewed.all()).isZero();
        assertThat(github.audiences()).hasSize(tokensBefore + 1);
        assertThat(v2Status(JSON.readTree(renewed.out()))).isEqualTo(200);
    }

    /** The environment a subprocess of the launcher gets: this JVM's classes instead of the shaded jar. */
    Map<String, String> launcherEnvironment(Map<String, String> base) {
        Map<String, String> env = new java.util.HashMap<>(base);
        env.put("HOME", home.toString());
        env.put("BERTH_CLASSPATH", System.getProperty("java.class.path"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("PATH", REPO_ROOT + File.pathSeparator + System.getenv("PATH"));
        return env;
    }

    record Run(int exitCode, String out, String err) {}

    Run runProcess(List<String> command, String stdin, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(env);
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void theDockerCredentialBerthScriptSpeaksTheProtocol() throws Exception {
        loginWithHelper();
        Map<String, String> env = launcherEnvironment(Map.of());
        String helper = REPO_ROOT.resolve("docker-credential-berth").toString();

        Run get = runProcess(List.of(helper, "get"), host() + "\n", env);
        assertThat(get.exitCode()).as(get.err()).isZero();
        JsonNode answer = JSON.readTree(get.out());
        assertThat(answer.path("Username").asText()).isEqualTo("AWS");
        assertThat(v2Status(answer)).isEqualTo(200);

        Run unknown = runProcess(List.of(helper, "get"), "registry.example", env);
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.out().strip()).isEqualTo("credentials not found in native keychain");
    }

    @Test
    void skopeoFindsTheHelperThroughCredHelpers() throws Exception {
        Assumptions.assumeTrue(onPath("skopeo"), "skopeo is not installed");
        Http asRoot = new Http(server.url()).withBasic(TestServer.ROOT_ACCESS_KEY_ID, TestServer.ROOT_SECRET);
        assertThat(CliFixtures.pushImage(asRoot, "acme/app", "via-helper", 7)).isEqualTo(201);
        loginWithHelper();
        // skopeo reads only the auth file given: copied elsewhere, under a HOME without a docker config, so that
        // nothing but its credHelpers entry can supply credentials; berth finds its saved login via XDG_CONFIG_HOME
        Path authFile = Files.createDirectories(home.resolve("skopeo")).resolve("auth.json");
        Files.copy(home.resolve(".docker/config.json"), authFile);
        Map<String, String> env = launcherEnvironment(Map.of("XDG_CONFIG_HOME", home.resolve(".config").toString()));
        env.put("HOME", Files.createDirectories(home.resolve("empty-home")).toString());
        List<String> inspect = new ArrayList<>(List.of("skopeo", "inspect", "--tls-verify=false", "--authfile",
                authFile.toString(), "docker://" + host() + "/acme/app:via-helper"));

        Run withHelper = runProcess(inspect, "", env);
        assertThat(withHelper.exitCode()).as(withHelper.err()).isZero();
        assertThat(JSON.readTree(withHelper.out()).path("Digest").asText()).startsWith("sha256:");

        // control: an auth file without the credHelpers entry gets no credentials
        Path empty = home.resolve("skopeo/empty-auth.json");
        Files.writeString(empty, "{}");
        inspect.set(4, empty.toString());
        Run withoutHelper = runProcess(inspect, "", env);
        assertThat(withoutHelper.exitCode()).as(withoutHelper.out()).isNotZero();
        assertThat(withoutHelper.err()).containsIgnoringCase("unauthorized");
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
