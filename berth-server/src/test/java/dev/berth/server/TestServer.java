package dev.berth.server;

import dev.berth.registry.RepositoryService;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real Berth server in this JVM, on a random loopback port with its own temporary data directory, for tests that
 * talk HTTP to it. Close it to stop the server and delete the data.
 */
public final class TestServer implements AutoCloseable {
    public static final String ROOT_ACCESS_KEY_ID = "AKIABERTHTESTROOT1";
    public static final String ROOT_SECRET = "test-root-secret-0123456789abcdef";

    private final Path dataDir;
    private final boolean createOnPush;
    private volatile Duration lifecycleInterval;
    private volatile BerthServer server;

    private TestServer(Path dataDir, boolean createOnPush, Duration lifecycleInterval, BerthServer server) {
        this.dataDir = dataDir;
        this.createOnPush = createOnPush;
        this.lifecycleInterval = lifecycleInterval;
        this.server = server;
    }

    public static TestServer start() {
        return start(true);
    }

    public static TestServer start(boolean createOnPush) {
        return start(createOnPush, Config.DEFAULT_LIFECYCLE_INTERVAL);
    }

    /** @param lifecycleInterval how often the lifecycle sweep runs; zero: never by itself */
    public static TestServer start(boolean createOnPush, Duration lifecycleInterval) {
        try {
            Path dir = Files.createTempDirectory("berth-test-");
            return new TestServer(dir, createOnPush, lifecycleInterval,
                    launch(dir, 0, createOnPush, Duration.ZERO, lifecycleInterval, true));
        } catch (Exception e) {
            throw new IllegalStateException("could not start a test server", e);
        }
    }

    /**
     * A server that serves requests but runs no background jobs: work it queues (scans) waits, in its database,
     * until {@link #restart} brings up a server that runs them.
     */
    public static TestServer startWithoutJobs() {
        try {
            Path dir = Files.createTempDirectory("berth-test-");
            return new TestServer(dir, true, Config.DEFAULT_LIFECYCLE_INTERVAL,
                    launch(dir, 0, true, Duration.ZERO, Config.DEFAULT_LIFECYCLE_INTERVAL, false));
        } catch (Exception e) {
            throw new IllegalStateException("could not start a test server", e);
        }
    }

    private static BerthServer launch(Path dir, int port, boolean createOnPush, Duration clockOffset,
                                      Duration lifecycleInterval, boolean runJobs) throws Exception {
        Config config = new Config("127.0.0.1", port, dir, null, "123456789012", "us-east-1", clockOffset,
                createOnPush, ROOT_ACCESS_KEY_ID, ROOT_SECRET, false, lifecycleInterval,
                Config.DEFAULT_RESTORE_WINDOW);
        BerthServer server = new BerthServer(config);
        server.start(runJobs);
        return server;
    }

    /**
     * Stops the server and starts it again on the same data directory and port with its clock moved by
     * {@code clockOffset} ({@code BERTH_CLOCK_OFFSET}): what clients meet once that much time has passed.
     */
    public void restart(Duration clockOffset) {
        restart(clockOffset, lifecycleInterval);
    }

    /** {@link #restart(Duration)} with another lifecycle sweep interval from now on. */
    public void restart(Duration clockOffset, Duration lifecycleInterval) {
        try {
            int port = server.port();
            server.close();
            this.lifecycleInterval = lifecycleInterval;
            server = launch(dataDir, port, createOnPush, clockOffset, lifecycleInterval, true);
        } catch (Exception e) {
            throw new IllegalStateException("could not restart the test server", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The {@code Authorization} header value of the root key over HTTP Basic. */
    public static String rootAuthorization() {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(
                (ROOT_ACCESS_KEY_ID + ":" + ROOT_SECRET).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A client that authenticates as the account's root key (HTTP Basic). */
    public Http http() {
        return new Http(url()).withBasic(ROOT_ACCESS_KEY_ID, ROOT_SECRET);
    }

    public URI uri(String path) {
        return URI.create(url() + path);
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The running server's repository service, to configure repositories as the (future) ECR API will. */
    public RepositoryService repositories() {
        return server.repositories();
    }

    @Override
    public void close() throws Exception {
        server.close();
        deleteTree(dataDir);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
