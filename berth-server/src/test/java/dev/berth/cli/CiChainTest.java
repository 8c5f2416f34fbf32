package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.vulndb.OsvFixture;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Issue 7's chain end to end, as the jobs of the seeds' workflows run it against a running Berth: a GitHub-shaped
 * token service on loopback backed by a test OIDC issuer; a release job (a token for {@code main}) logs in with the
 * push role and pushes an OCI layout built here into a repository that scans on push; a job with the pull role waits
 * for the scan behind the seeds' gate ({@code --fail-on 'CRITICAL>0,HIGH>5'}): an image whose log4j-core is
 * 2.17.1 passes, one with 2.14.1 fails with exit 3; then pulls the image back byte for byte. The vulnerability
 * database is the vulndb fixture, imported with {@code berth vulndb import} into the running server's data directory.
 * Every step is a {@code berth} command line with the job's environment and nothing else (the docker config and the
 * saved login live under the job's own home).
 */
class CiChainTest extends CliAccountServerTest {
    static final String GATE = "CRITICAL>0,HIGH>5";

    @TempDir
    static Path shared;

    @TempDir
    Path work;

    @BeforeAll
    static void scanOnPushWithTheFixtureDatabase() {
        try (EcrClient ecr = CliFixtures.ecr(server)) { // the seeds' repositories scan on push
            ecr.putImageScanningConfiguration(b -> b.repositoryName("acme/app")
                    .imageScanningConfiguration(c -> c.scanOnPush(true)));
        }
        Cli.Run imported = Cli.run("vulndb", "import", "--data-dir", server.dataDir().toString(),
                OsvFixture.writeDirectory(shared.resolve("osv")).toString());
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
    }

    /**
     * A job on a runner of its own, for a token with subject {@code sub}: GitHub's token request variables, a fresh
     * home, and {@code BERTH_REGISTRY} as the Berth action exports it for later steps.
     */
    BerthCli job(String name, String sub) {
        github.claims(token -> token.subject(sub));
        return new BerthCli().env("HOME", work.resolve(name).toString())
                .env("ACTIONS_ID_TOKEN_REQUEST_URL", github.requestUrl())
                .env("ACTIONS_ID_TOKEN_REQUEST_TOKEN", GitHubTokenEndpoint.REQUEST_TOKEN)
                .env("BERTH_REGISTRY", server.url());
    }

    /** The release job: logs in with the push role (a token for main) and pushes {@code layout} as {@code tag}. */
    String release(Path layout, String tag) {
        BerthCli release = job("release-" + tag, "repo:acme/app:ref:refs/heads/main");
        BerthCli.Result login = release.run("login", "--role-arn", account.pushRole());
        succeeded(login, "berth login (push role)");
        assertThat(login.out()).contains("assumed-role/GitHubActions-ECR-PushRole/");
        BerthCli.Result push = release.run("push", layout.toString(), host() + "/acme/app:" + tag);
        succeeded(push, "berth push");
        return push.out();
    }

    /** A job with the pull role, logged in. */
    BerthCli pullJob(String name) {
        BerthCli job = job(name, "repo:acme/app:pull_request");
        BerthCli.Result login = job.run("login", "--role-arn", account.pullRole());
        succeeded(login, "berth login (pull role)");
        assertThat(login.out()).contains("assumed-role/GitHubActions-ECR-PullRole/");
        return job;
    }

    static BerthCli.Result scanWait(BerthCli job, String image) {
        return job.run("scan", "wait", image, "--fail-on", GATE, "--timeout", "PT2M", "--poll-interval", "PT0.2S");
    }

    static void succeeded(BerthCli.Result result, String step) {
        assertThat(result.exitCode()).as("%s:%n%s", step, result.all()).isZero();
    }

    @Test
    void pushScanGatePassesAndThePullRoleGetsTheSameBytes() {
        Path built = work.resolve("build/image");
        String digest = TestImages.javaAppLayout(built, "v1.0", "2.17.1");
        String pushed = release(built, "v1.0");
        assertThat(pushed).contains(host() + "/acme/app:v1.0@" + digest).contains("3 blobs transferred");

        BerthCli ci = pullJob("ci");
        // the pull role may read, never write: a push of the same layout under another tag is refused
        BerthCli.Result refused = ci.run("push", built.toString(), host() + "/acme/app:from-a-pull-request");
        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
        assertThat(refused.err()).contains("403");

        // later steps of the same job use the saved role session for the ECR API
        BerthCli.Result gate = scanWait(ci, "acme/app:v1.0");
        succeeded(gate, "berth scan wait");
        assertThat(gate.out()).contains("Scan of acme/app:v1.0: COMPLETE").contains("Gate " + GATE + ": passed");
        BerthCli.Result described = ci.run("images", "describe", "acme/app:v1.0");
        succeeded(described, "berth images describe");
        assertThat(described.out()).contains(digest).contains("v1.0");

        Path pulled = work.resolve("pulled");
        BerthCli.Result pull = ci.run("pull", host() + "/acme/app:v1.0", pulled.toString());
        succeeded(pull, "berth pull");
        Map<String, byte[]> expected = TestImages.blobs(built);
        Map<String, byte[]> actual = TestImages.blobs(pulled);
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((path, bytes) -> assertThat(actual.get(path)).as(path).isEqualTo(bytes));
        JsonNode entry = TestImages.json(pulled.resolve("index.json")).get("manifests").get(0);
        JsonNode builtEntry = TestImages.json(built.resolve("index.json")).get("manifests").get(0);
        assertThat(entry).isEqualTo(builtEntry);
    }

    @Test
    void anImageWithLog4jCore2141FailsTheGateWithExit3() {
        Path built = work.resolve("build/vulnerable");
        TestImages.javaAppLayout(built, "v1.1", "2.14.1");
        release(built, "v1.1");

        BerthCli.Result gate = scanWait(pullJob("security-scan"), "acme/app:v1.1");
        assertThat(gate.exitCode()).as(gate.all()).isEqualTo(3);
        // the fixture's log4j-core advisories for 2.14.1: CVE-2021-44228 and -45046 CRITICAL, -45105 HIGH,
        // -44832 MEDIUM (berth-vulndb's FIXTURE.md)
        assertThat(gate.out()).contains("Scan of acme/app:v1.1: COMPLETE").contains("CRITICAL 2, HIGH 1, MEDIUM 1")
                .contains("CVE-2021-44228").contains("org.apache.logging.log4j:log4j-core 2.14.1")
                .contains("Gate " + GATE + ": FAILED on CRITICAL 2 (CRITICAL>0)");
        assertThat(gate.out()).doesNotContain("(HIGH>5)"); // one HIGH is within the gate
    }

    /**
     * The seeds' least-privilege push policy has no {@code ecr:DescribeImageScanFindings}: a scan gate run with the
     * push role is refused (exit 6, and the message says what was denied), which is why the example workflows run it
     * with the pull role.
     */
    @Test
    void thePushRoleCannotReadFindings() {
        Path built = work.resolve("build/image");
        TestImages.javaAppLayout(built, "v1.2", "2.17.1");
        release(built, "v1.2");
        BerthCli.Result gate = scanWait(job("release-v1.2", "repo:acme/app:ref:refs/heads/main"), "acme/app:v1.2");
        assertThat(gate.exitCode()).as(gate.all()).isEqualTo(6);
        assertThat(gate.err()).contains("ecr:DescribeImageScanFindings");
    }
}
