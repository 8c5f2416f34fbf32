package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.berth.cli.dockerconfig.DockerConfig;
import dev.berth.cli.dockerconfig.RegistryCredentials;
import dev.berth.server.Http;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The composite action in {@code action.yml}, run as a runner runs it: its one shell step in bash, with the
 * step's {@code env} filled from the inputs (defaults from the action's {@code inputs}), {@code GITHUB_ACTION_PATH}
 * at the repository root and the runner's {@code GITHUB_OUTPUT}/{@code GITHUB_PATH}/{@code GITHUB_ENV} files; the
 * launcher runs this JVM's classes ({@code BERTH_CLASSPATH}). And the example workflows, GitLab pipeline and
 * Taskfile are well-formed YAML that keep the seeds' contract.
 */
class GitHubActionTest extends CliAccountServerTest {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Path REPO_ROOT = Path.of("").toAbsolutePath().getParent();
    static final Pattern INPUT = Pattern.compile("\\$\\{\\{\\s*inputs\\.([a-z-]+)\\s*}}");

    @TempDir
    Path runner;

    record Step(int exitCode, String log, Map<String, String> outputs, String path, String env) {}

    Step runAction(Map<String, String> inputs) throws Exception {
        JsonNode action = YAML.readTree(REPO_ROOT.resolve("action.yml").toFile());
        assertThat(action.path("runs").path("using").asText()).isEqualTo("composite");
        JsonNode step = action.path("runs").path("steps").get(0);

        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", runner.resolve("home").toString());
        env.put("BERTH_CLASSPATH", System.getProperty("java.class.path"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("ACTIONS_ID_TOKEN_REQUEST_URL", github.requestUrl());
        env.put("ACTIONS_ID_TOKEN_REQUEST_TOKEN", GitHubTokenEndpoint.REQUEST_TOKEN);
        env.put("GITHUB_ACTION_PATH", REPO_ROOT.toString());
        for (String file : List.of("GITHUB_OUTPUT", "GITHUB_PATH", "GITHUB_ENV")) {
            env.put(file, Files.createFile(runner.resolve(file)).toString());
        }
        step.path("env").properties().forEach(e -> {
            Matcher m = INPUT.matcher(e.getValue().asText());
            assertThat(m.matches()).as("env %s is an input", e.getKey()).isTrue();
            String input = m.group(1);
            assertThat(action.path("inputs").has(input)).as("input %s is declared", input).isTrue();
            env.put(e.getKey(), inputs.getOrDefault(input, action.path("inputs").path(input).path("default").asText("")));
        });

        ProcessBuilder builder = new ProcessBuilder("bash", "-e", "-c", step.path("run").asText());
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectOutput(runner.resolve("log").toFile());
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Map<String, String> outputs = new HashMap<>();
        for (String line : Files.readAllLines(runner.resolve("GITHUB_OUTPUT"))) {
            int eq = line.indexOf('=');
            outputs.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return new Step(process.exitValue(), Files.readString(runner.resolve("log")), outputs,
                Files.readString(runner.resolve("GITHUB_PATH")), Files.readString(runner.resolve("GITHUB_ENV")));
    }

    @Test
    void theActionLogsInWithTheJobsTokenAndSetsUpLaterSteps() throws Exception {
        Step step = runAction(Map.of("role-to-assume", account.pushRole(), "registry", server.url()));

        assertThat(step.exitCode()).as(step.log()).isZero();
        String host = server.url().substring("http://".length());
        assertThat(step.outputs()).containsEntry("registry", host);
        assertThat(step.path().strip()).isEqualTo(REPO_ROOT.toString());
        assertThat(step.env()).contains("BERTH_REGISTRY=" + server.url());
        assertThat(step.log()).contains("assumed-role/GitHubActions-ECR-PushRole");
        RegistryCredentials credentials = DockerConfig.at(runner.resolve("home/.docker/config.json"))
                .inlineCredentials(host).orElseThrow();
        assertThat(step.log()).doesNotContain(credentials.secret());
        Http asPushRole = new Http(server.url()).withBasic(credentials.username(), credentials.secret());
        assertThat(CliFixtures.pushImage(asPushRole, "acme/app", "from-action", 31)).isEqualTo(201);
    }

    @Test
    void aRefusedRoleFailsTheStepWithTheClaims() throws Exception {
        Step step = runAction(Map.of("role-to-assume", account.pullRole().replace("PullRole", "Missing"),
                "registry", server.url()));
        assertThat(step.exitCode()).isEqualTo(6);
        assertThat(step.log()).contains("sub=repo:acme/app:ref:refs/heads/main");
        assertThat(step.outputs()).isEmpty();
    }

    @Test
    void theExamplesKeepTheSeedsContract() throws Exception {
        JsonNode ci = YAML.readTree(REPO_ROOT.resolve("examples/github/ci.yaml").toFile());
        assertThat(ci.path("permissions").path("id-token").asText()).isEqualTo("write");
        assertThat(ci.toString()).contains("GitHubActions-ECR-PullRole").contains("task docker:pull");

        JsonNode release = YAML.readTree(REPO_ROOT.resolve("examples/github/release.yaml").toFile());
        assertThat(release.path("on").path("push").path("tags").get(0).asText()).isEqualTo("v*");
        assertThat(release.path("jobs").path("deploy").path("needs").toString()).contains("security-scan");
        assertThat(release.toString()).contains("GitHubActions-ECR-PushRole")
                .contains("--fail-on 'CRITICAL>0,HIGH>5'");
        // the gate reads findings with the pull role: the least-privilege push policy cannot (CiChainTest)
        assertThat(release.path("jobs").path("security-scan").toString()).contains("env.PULL_ROLE")
                .doesNotContain("PUSH_ROLE");

        JsonNode gitlab = YAML.readTree(REPO_ROOT.resolve("examples/gitlab/.gitlab-ci.yml").toFile());
        assertThat(gitlab.path("default").path("id_tokens").path("BERTH_ID_TOKEN").path("aud").asText())
                .isEqualTo("sts.amazonaws.com");
        assertThat(gitlab.path("scan").toString()).contains("--fail-on 'CRITICAL>0,HIGH>5'").contains("$PULL_ROLE");

        JsonNode taskfile = YAML.readTree(REPO_ROOT.resolve("examples/Taskfile.yaml").toFile());
        assertThat(taskfile.path("tasks").has("docker:login")).isTrue();
        for (String task : List.of("docker:login", "docker:build", "docker:push", "docker:pull", "release:docker")) {
            assertThat(taskfile.path("tasks").has(task)).as(task).isTrue();
        }
        assertThat(taskfile.path("tasks").path("docker:login").toString()).contains("login");
        assertThat(taskfile.path("tasks").path("docker:push").toString()).contains("push");
        assertThat(Files.isExecutable(REPO_ROOT.resolve("docker-credential-berth"))).isTrue();
        assertThat(new File(REPO_ROOT.toFile(), "berth").canExecute()).isTrue();
    }
}
