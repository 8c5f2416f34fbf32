package dev.berth.server;

import static dev.berth.server.Fixtures.OCI_INDEX;
import static dev.berth.server.Fixtures.OCI_MANIFEST;
import static dev.berth.server.Fixtures.bytes;
import static dev.berth.server.Fixtures.manifest;
import static dev.berth.server.Fixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability of the server as a process. Killed with SIGKILL while uploads stream in: every push it acknowledged
 * is intact after a restart, an idle chunked upload resumes at exactly the acknowledged range, the uploads that
 * were in flight left no visible blob and nothing unverified in the blob area, and their sessions resume from what
 * reached the disk (docs/storage.md, "Crash behaviour"). Stopped with SIGTERM while an upload streams in: the upload
 * finishes, the process exits cleanly, and upload sessions survive.
 *
 * <p>Uploads are kept in flight deterministically: their bodies pause after a known number of bytes until the test
 * releases them, and the test waits (polling the data directory) until the server has written those bytes.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CrashDurabilityTest {
    private static final int MIB = 1024 * 1024;
    private static final long LARGE = 64L * MIB;
    /** In-flight bodies pause here; the server writes in 1 MiB steps, so 8 MiB of each reach the disk. */
    private static final long PAUSE_AT = 8L * MIB + 100 * 1024;
    private static final long WRITTEN_BEFORE_PAUSE = 8L * MIB;

    @TempDir
    Path work;

    ServerProcess server;
    OciClient client;
    DataDir data;
    ExecutorService clientThreads;
    HttpClient streaming;

    @RegisterExtension
    final AfterTestExecutionCallback printServerLogOnFailure = context -> {
        if (context.getExecutionException().isPresent() && server != null) {
            System.out.println("---- server log\n" + server.log() + "\n---- end of server log");
        }
    };

    @BeforeEach
    void start() {
        Path dataDir = work.resolve("data");
        server = ServerProcess.start(dataDir, work.resolve("server.log"));
        client = new OciClient(server.url());
        data = new DataDir(dataDir);
        clientThreads = Executors.newCachedThreadPool();
        streaming = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientThreads)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        streaming.close();
        clientThreads.shutdownNow();
    }

    @Test
    void sigkillDuringUploadsLosesNothingAcknowledged() throws Exception {
        Map<String, String> acknowledged = pushImages();
        byte[] resumable = bytes(5 * MIB + 123, 77);
        String location = client.startUpload("crash/resume");
        location = client.patch(location, resumable, 0, 2 * MIB);
        location = client.patch(location, resumable, 2 * MIB, 4 * MIB);

        // Uploads in flight: two monolithic POSTs, a streamed PATCH, a PATCH with Content-Range, a PUT with body.
        List<InFlight> inFlight = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            LargeContent content = new LargeContent(100 + i, LARGE);
            inFlight.add(send("POST", "/v2/crash/inflight/blobs/uploads/?digest=" + content.digest(), content, Map.of(), null));
        }
        LargeContent streamed = new LargeContent(200, LARGE);
        String streamedId = uploadId(client.startUpload("crash/inflight"));
        inFlight.add(send("PATCH", uploadPath(streamedId), streamed, Map.of(), streamedId));
        LargeContent ranged = new LargeContent(201, LARGE);
        String rangedId = uploadId(client.startUpload("crash/inflight"));
        inFlight.add(send("PATCH", uploadPath(rangedId), ranged, Map.of("Content-Range", "0-" + (LARGE - 1)), rangedId));
        LargeContent completing = new LargeContent(202, LARGE);
        String completingId = uploadId(client.startUpload("crash/inflight"));
        inFlight.add(send("PUT", uploadPath(completingId) + "?digest=" + completing.digest(), completing, Map.of(),
                completingId));

        await("every in-flight upload has " + WRITTEN_BEFORE_PAUSE + " bytes on the server's disk")
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> inFlight.stream().allMatch(u -> u.pause.reached())
                        && data.tempFiles().size() == 2
                        && data.tempFiles().stream().allMatch(f -> f.toFile().length() >= WRITTEN_BEFORE_PAUSE)
                        && List.of(streamedId, rangedId, completingId).stream()
                                .allMatch(id -> data.uploadSize(id) >= WRITTEN_BEFORE_PAUSE));

        assertThat(server.kill()).as("exit status of a SIGKILLed process").isEqualTo(128 + 9);
        for (InFlight u : inFlight) {
            u.pause.abort();
            assertThat(u.outcome()).as("in-flight upload %s was never acknowledged", u.content.digest())
                    .doesNotStartWith("2");
        }
        assertThat(data.tempFiles()).as("what the killed monolithic uploads left").hasSize(2);

        server.restart();

        // Every acknowledged push is intact, by tag and by digest.
        acknowledged.forEach((reference, digest) -> {
            String repo = reference.substring(0, reference.indexOf(':'));
            String tag = reference.substring(reference.indexOf(':') + 1);
            assertThat(client.pullVerified(repo, tag)).first().isEqualTo(digest);
            client.pullVerified(repo, digest);
        });
        assertThat(client.tags("crash/app")).containsExactly("multi", "v0", "v1");

        // The idle chunked upload stands at exactly its acknowledged range, and resumes.
        var status = client.http().get(location);
        assertThat(status.statusCode()).isEqualTo(204);
        assertThat(status.headers().firstValue("Range")).hasValue("0-" + (4 * MIB - 1));
        location = client.patch(status.headers().firstValue("Location").orElseThrow(), resumable, 4 * MIB, 5 * MIB);
        assertThat(client.finishUpload(location, resumable, 5 * MIB)).isEqualTo(sha256(resumable));
        client.blob("crash/resume", sha256(resumable), resumable.length);

        // The uploads in flight are not visible, and nothing unverified is in the blob area.
        for (InFlight u : inFlight) {
            assertThat(client.http().head("/v2/crash/inflight/blobs/" + u.content.digest()).statusCode()).isEqualTo(404);
        }
        assertThat(data.tempFiles()).as("temp files after restart").isEmpty();
        data.assertEveryBlobFileMatchesItsName();

        // Their sessions kept a prefix of what was sent (at least what was written before the pause) and resume
        // from it; completing verifies the digest over the whole content.
        for (InFlight u : inFlight.subList(2, inFlight.size())) {
            resume(u.uploadId, u.content);
        }
        assertThat(data.uploadSessions()).as("upload sessions left").isEmpty();
        data.assertEveryBlobFileMatchesItsName();
    }

    @Test
    void sigtermLetsTheUploadInFlightFinishAndKeepsSessions() throws Exception {
        Map<String, String> acknowledged = pushImages();
        byte[] idle = bytes(3 * MIB, 5);
        String idleLocation = client.patch(client.startUpload("graceful/idle"), idle, 0, MIB);
        LargeContent slow = new LargeContent(300, 16L * MIB);
        InFlight upload = send("POST", "/v2/graceful/slow/blobs/uploads/?digest=" + slow.digest(), slow, Map.of(), null);
        await("the slow upload has bytes on the server's disk").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> upload.pause.reached() && data.tempFiles().size() == 1
                        && data.tempFiles().getFirst().toFile().length() >= WRITTEN_BEFORE_PAUSE);

        server.process().destroy(); // SIGTERM on Linux
        await("the server stops taking new requests").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> !acceptsRequests());
        assertThat(server.process().isAlive()).as("still finishing the upload in flight").isTrue();
        upload.pause.resume();
        assertThat(upload.outcome()).as("the upload in flight completes").startsWith("201");
        assertThat(server.awaitExit(Duration.ofSeconds(60))).as("exit status after a graceful stop").isZero();

        server.restart();
        acknowledged.forEach((reference, digest) -> client.pullVerified(reference.substring(0, reference.indexOf(':')), digest));
        assertThat(client.http().head("/v2/graceful/slow/blobs/" + slow.digest()).headers().firstValue("Content-Length"))
                .hasValue(Long.toString(slow.size()));
        var status = client.http().get(idleLocation);
        assertThat(status.statusCode()).isEqualTo(204);
        assertThat(status.headers().firstValue("Range")).hasValue("0-" + (MIB - 1));
        client.finishUpload(client.patch(idleLocation, idle, MIB, 3 * MIB), idle, 3 * MIB);
        data.assertEveryBlobFileMatchesItsName();
    }

    /**
     * Pushes, and has acknowledged: two images and an index over them into crash/app, one image into crash/other
     * (chunked), one blob mounted from crash/app. Returns "repo:tag" to manifest digest.
     */
    private Map<String, String> pushImages() {
        Map<String, String> pushed = new LinkedHashMap<>();
        List<byte[]> appImages = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String repo = i < 2 ? "crash/app" : "crash/other";
            byte[] config = ("{\"image\":" + i + "}").getBytes(StandardCharsets.UTF_8);
            byte[] layer = bytes(MIB + i * 4096, 10 + i);
            if (i < 2) {
                client.pushMonolithic(repo, config);
                client.pushMonolithic(repo, layer);
            } else {
                client.pushChunked(repo, config, 64 * 1024);
                client.pushChunked(repo, layer, 256 * 1024);
            }
            byte[] image = manifest(config, null, null, layer);
            pushed.put(repo + ":v" + i, client.pushManifest(repo, "v" + i, image, OCI_MANIFEST));
            if (i < 2) {
                appImages.add(image);
            }
        }
        byte[] index = Fixtures.index(appImages.toArray(byte[][]::new));
        pushed.put("crash/app:multi", client.pushManifest("crash/app", "multi", index, OCI_INDEX));
        var mount = client.http().post("/v2/crash/mounted/blobs/uploads/?mount=" + sha256(bytes(MIB, 10))
                + "&from=crash/app", null);
        assertThat(mount.statusCode()).isEqualTo(201);
        return pushed;
    }

    /** Continues an upload from the size the server reports, to the end of {@code content}, and completes it. */
    private void resume(String uploadId, LargeContent content) throws Exception {
        var status = client.http().get(uploadPath(uploadId));
        assertThat(status.statusCode()).as(Http.text(status)).isEqualTo(204);
        String range = status.headers().firstValue("Range").orElseThrow();
        long size = Long.parseLong(range.substring(range.indexOf('-') + 1)) + 1;
        assertThat(size).as("bytes kept by interrupted upload %s", uploadId)
                .isBetween(WRITTEN_BEFORE_PAUSE, PAUSE_AT);
        HttpRequest patch = request("PATCH", uploadPath(uploadId), HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> content.from(size)), content.size() - size))
                .header("Content-Range", size + "-" + (content.size() - 1)).build();
        HttpResponse<String> patched = streaming.send(patch, HttpResponse.BodyHandlers.ofString());
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(202);
        HttpResponse<String> put = streaming.send(request("PUT", uploadPath(uploadId) + "?digest=" + content.digest(),
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        assertThat(client.http().head("/v2/crash/inflight/blobs/" + content.digest()).statusCode()).isEqualTo(200);
    }

    /** Starts an upload whose body pauses at {@link #PAUSE_AT} until the test resumes or aborts it. */
    private InFlight send(String method, String path, LargeContent content, Map<String, String> headers, String uploadId) {
        LargeContent.Pause pause = new LargeContent.Pause();
        HttpRequest.Builder request = request(method, path,
                HttpRequest.BodyPublishers.ofInputStream(() -> content.pausingAt(PAUSE_AT, pause)));
        headers.forEach(request::header);
        return new InFlight(content, pause, uploadId,
                streaming.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private HttpRequest.Builder request(String method, String path, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/octet-stream")
                .header("Authorization", TestServer.rootAuthorization()).method(method, body);
    }

    private boolean acceptsRequests() {
        try {
            return server.healthz() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private static String uploadId(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static String uploadPath(String uploadId) {
        return "/v2/crash/inflight/blobs/uploads/" + uploadId;
    }

    /** An upload whose body the test holds at a pause. */
    private record InFlight(LargeContent content, LargeContent.Pause pause, String uploadId,
                            CompletableFuture<HttpResponse<String>> response) {
        /** The response status, or the failure, once the request is over. */
        String outcome() throws InterruptedException {
            try {
                HttpResponse<String> r = response.get(60, TimeUnit.SECONDS);
                return r.statusCode() + " " + r.body();
            } catch (ExecutionException e) {
                return "failed: " + e.getCause();
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("upload still running after 60 s", e);
            }
        }
    }
}
