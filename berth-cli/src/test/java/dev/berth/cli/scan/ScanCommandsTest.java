package dev.berth.cli.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.berth.cli.ClientCommands;
import dev.berth.cli.Environment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The scan commands through the real ECR SDK client, against a loopback stand-in that answers
 * {@code StartImageScan} and {@code DescribeImageScanFindings} in ECR's wire shapes (Berth's own scan API is being
 * built in parallel; the end-to-end test against the server comes with it). The stand-in reports IN_PROGRESS twice,
 * then COMPLETE with the seeds' worst case: one CRITICAL and six HIGH findings.
 */
class ScanCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    HttpServer ecr;
    final AtomicInteger describes = new AtomicInteger();
    final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        ecr = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ecr.createContext("/", this::handle);
        ecr.start();
    }

    @AfterEach
    void stop() {
        ecr.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
        JsonNode request = JSON.readTree(ex.getRequestBody());
        requests.add(request);
        String body;
        if (target.endsWith(".StartImageScan")) {
            body = """
                    {"registryId":"123456789012","repositoryName":"acme/app",
                     "imageId":{"imageDigest":"sha256:%s","imageTag":"v1"},
                     "imageScanStatus":{"status":"IN_PROGRESS"}}""".formatted("b".repeat(64));
        } else if (request.path("imageId").path("imageTag").asText().equals("never-scanned")) {
            respond(ex, 400, "{\"__type\":\"ScanNotFoundException\",\"message\":\"no scan\"}");
            return;
        } else if (describes.incrementAndGet() <= 2) {
            body = "{\"imageScanStatus\":{\"status\":\"IN_PROGRESS\"}}";
        } else {
            StringBuilder findings = new StringBuilder("{\"name\":\"CVE-2024-0001\",\"severity\":\"CRITICAL\","
                    + "\"uri\":\"https://nvd.example/CVE-2024-0001\",\"attributes\":[{\"key\":\"package_name\","
                    + "\"value\":\"openssl\"},{\"key\":\"package_version\",\"value\":\"3.1.0-r1\"}]}");
            for (int i = 1; i <= 6; i++) {
                findings.append(",{\"name\":\"CVE-2024-010").append(i).append("\",\"severity\":\"HIGH\","
                        + "\"attributes\":[{\"key\":\"package_name\",\"value\":\"zlib\"}]}");
            }
            body = """
                    {"repositoryName":"acme/app","imageScanStatus":{"status":"COMPLETE"},
                     "imageScanFindings":{"findingSeverityCounts":{"CRITICAL":1,"HIGH":6},"findings":[%s]}}"""
                    .formatted(findings);
        }
        respond(ex, 200, body);
    }

    private static void respond(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    record Result(int exitCode, String out, String err) {}

    Result berth(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        Environment env = new Environment(Map.of("BERTH_REGISTRY", "http://127.0.0.1:" + ecr.getAddress().getPort(),
                "AWS_ACCESS_KEY_ID", "AKIATEST", "AWS_SECRET_ACCESS_KEY", "secret", "HOME", "/nonexistent"),
                new ByteArrayInputStream(new byte[0]), o, e);
        CommandLine line = new CommandLine(new Root());
        ClientCommands.all(env, Clock.systemUTC()).forEach(line::addSubcommand);
        line.setOut(new PrintWriter(o, true)).setErr(new PrintWriter(e, true));
        int code = line.execute(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @CommandLine.Command(name = "berth")
    static final class Root implements Runnable {
        @Override
        public void run() {
        }
    }

    @Test
    void aGroupOnItsOwnPrintsItsSubcommands() {
        Map<String, List<String>> groups = Map.of("repo", List.of("create", "list", "describe", "delete"),
                "images", List.of("list", "describe"), "lifecycle", List.of("put", "get", "preview"),
                "scan", List.of("start", "wait", "findings"));
        groups.forEach((group, subcommands) -> {
            Result r = berth(group);
            assertThat(r.exitCode()).as(group).isZero();
            assertThat(r.out()).as(group).contains("Usage: berth " + group);
            subcommands.forEach(sub -> assertThat(r.out()).as(group).contains("  " + sub + " "));
        });
    }

    @Test
    void theImageArgumentIsRequiredAndParsed() {
        Result missing = berth("scan", "start");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("IMAGE");
        Result describe = berth("images", "describe", "--help");
        assertThat(describe.out()).contains("IMAGE").contains("repository:tag or repository@sha256:");
    }

    @Test
    void waitPollsUntilCompleteAndTheSeedGateFailsWithExitCode3() {
        Result r = berth("scan", "wait", "acme/app:v1", "--fail-on", "CRITICAL>0,HIGH>5", "--poll-interval", "PT0.01S");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
        assertThat(describes.get()).isEqualTo(3);
        assertThat(r.out()).contains("Scan of acme/app:v1: COMPLETE").contains("CRITICAL 1, HIGH 6")
                .contains("CRITICAL     CVE-2024-0001  openssl 3.1.0-r1")
                .contains("Gate CRITICAL>0,HIGH>5: FAILED on CRITICAL 1 (CRITICAL>0), HIGH 6 (HIGH>5)");
        assertThat(requests.get(0).path("repositoryName").asText()).isEqualTo("acme/app");
        assertThat(requests.get(0).path("imageId").path("imageTag").asText()).isEqualTo("v1");
    }

    @Test
    void aLooserGatePassesAndJsonCarriesTheVerdict() throws Exception {
        describes.set(2);
        Result r = berth("scan", "findings", "acme/app:v1", "--fail-on", "CRITICAL>1,HIGH>=7", "-o", "json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.path("findingSeverityCounts").path("HIGH").asInt()).isEqualTo(6);
        assertThat(json.path("findings")).hasSize(7);
        assertThat(json.path("gate").path("passed").asBoolean()).isTrue();
    }

    @Test
    void findingsOfAScanStillRunningSayToWait() {
        Result r = berth("scan", "findings", "acme/app:v1");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("IN_PROGRESS").contains("berth scan wait acme/app:v1");
    }

    @Test
    void noScanAtAllIsNotFound() {
        Result r = berth("scan", "findings", "acme/app:never-scanned");
        assertThat(r.exitCode()).isEqualTo(7);
        assertThat(r.err()).contains("berth scan start acme/app:never-scanned");
    }

    @Test
    void startNamesTheDigest() {
        Result r = berth("scan", "start", "acme/app:v1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("sha256:" + "b".repeat(64)).contains("IN_PROGRESS");
    }

    @Test
    void aMalformedGateIsAUsageErrorBeforeAnyCall() {
        Result r = berth("scan", "wait", "acme/app:v1", "--fail-on", "CRITICAL=0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--fail-on CRITICAL=0");
        assertThat(requests).isEmpty();
    }
}
