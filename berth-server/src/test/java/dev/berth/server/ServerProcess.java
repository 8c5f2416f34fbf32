package dev.berth.server;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Berth server in its own JVM (this test JVM's java and class path, {@code dev.berth.server.Main serve}), so that
 * tests can kill it like a real process. Its stdout and stderr go to a log file, appended across restarts. Not
 * thread-safe.
 */
final class ServerProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient PROBE = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    private final Path dataDir;
    private final int port;
    private final Path log;
    private Process process;
    private List<String> extraArgs = List.of();

    private ServerProcess(Path dataDir, int port, Path log) {
        this.dataDir = dataDir;
        this.port = port;
        this.log = log;
    }

    /** Starts a server on a free loopback port and waits until {@code GET /healthz} answers 200. */
    static ServerProcess start(Path dataDir, Path log) {
        ServerProcess server = new ServerProcess(dataDir, freePort(), log);
        server.restart();
        return server;
    }

    /** Starts a server as {@link #start(Path, Path)} does, with more options for {@code berth serve}. */
    static ServerProcess start(Path dataDir, Path log, String... args) {
        ServerProcess server = new ServerProcess(dataDir, freePort(), log);
        server.extraArgs = List.of(args);
        server.restart();
        return server;
    }

    /** The options of {@code berth serve} beyond listen address and data directory from the next restart on. */
    void args(String... args) {
        extraArgs = List.of(args);
    }

    /** (Re)starts the server on the same port and data directory, and waits until it is ready. */
    void restart() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("still running");
        }
        Path nativeDir = dataDir.resolveSibling("native");
        List<String> command = List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                // sqlite-jdbc unpacks its native library there and deletes it on exit, which SIGKILL skips
                "-Dorg.sqlite.tmpdir=" + nativeDir,
                "-cp", System.getProperty("java.class.path"),
                "dev.berth.server.Main", "serve",
                "--listen", "127.0.0.1:" + port,
                "--data-dir", dataDir.toString());
        command = new java.util.ArrayList<>(command);
        command.addAll(extraArgs);
        try {
            Files.createDirectories(nativeDir);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("BERTH_ROOT_ACCESS_KEY_ID", TestServer.ROOT_ACCESS_KEY_ID);
            builder.environment().put("BERTH_ROOT_SECRET_ACCESS_KEY", TestServer.ROOT_SECRET);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await("server ready on port " + port).atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsMatching(e -> e instanceof IOException)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("server exited with " + process.exitValue() + ":\n" + log());
                    }
                    return healthz() == 200;
                });
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    /** The status of {@code GET /healthz}; an IOException if nothing accepts the connection. */
    int healthz() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/healthz")).timeout(Duration.ofSeconds(5)).build();
        return PROBE.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** SIGKILL (what {@link Process#destroyForcibly} sends on Linux); returns the exit status, 137 for SIGKILL. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        return awaitExit(Duration.ofSeconds(30));
    }

    /** Waits for the process to exit and returns its status; fails with the log if it does not within the time. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("server did not exit within " + timeout + ":\n" + log());
        }
        return process.exitValue();
    }

    /** The server's output so far. */
    String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Kills the server if it is still running. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
