package dev.berth.server;

import dev.berth.registry.RepositoryService;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.UnaryOperator;
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
    private volatile UnaryOperator<Config> tuning;
    private volatile BerthServer server;

    private TestServer(Path dataDir, boolean createOnPush, UnaryOperator<Config> tuning, BerthServer server) {
        this.dataDir = dataDir;
        this.createOnPush = createOnPush;
        this.tuning = tuning;
        this.server = server;
    }

    public static TestServer start() {
        return start(true);
    }

    public static TestServer start(boolean createOnPush) {
        return start(createOnPush, UnaryOperator.identity());
    }

    /** @param lifecycleInterval how often the lifecycle sweep runs; zero: never by itself */
    public static TestServer start(boolean createOnPush, Duration lifecycleInterval) {
        return start(createOnPush, config -> config.withLifecycle(lifecycleInterval, config.lifecycleRestoreWindow()));
    }

    /** A server whose garbage collection runs every {@code interval} with these settings. */
    public static TestServer startWithGc(Duration interval, Duration grace, Duration uploadExpiry) {
        return start(true, config -> config.withGc(interval, grace, uploadExpiry));
    }

    private static TestServer start(boolean createOnPush, UnaryOperator<Config> tuning) {
        try {
            Path dir = Files.createTempDirectory("berth-test-");
            return new TestServer(dir, createOnPush, tuning,
                    launch(dir, 0, createOnPush, Duration.ZERO, tuning, true));
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
            return new TestServer(dir, true, UnaryOperator.identity(),
                    launch(dir, 0, true, Duration.ZERO, UnaryOperator.identity(), false));
        } catch (Exception e) {
            throw new IllegalStateException("could not start a test server", e);
        }
    }

    private static BerthServer launch(Path dir, int port, boolean createOnPush, Duration clockOffset,
                                      UnaryOperator<Config> tuning, boolean runJobs) throws Exception {
        Config config = tuning.apply(new Config("127.0.0.1", port, dir, null, "123456789012", "us-east-1",
                clockOffset, createOnPush, ROOT_ACCESS_KEY_ID, ROOT_SECRET, false));
        BerthServer server = new BerthServer(config);
        server.start(runJobs);
        return server;
    }

    /**
     * Stops the server and starts it again on the same data directory and port with its clock moved by
     * {@code clockOffset} ({@code BERTH_CLOCK_OFFSET}): what clients meet once that much time has passed.
     */
    public void restart(Duration clockOffset) {
        try {
            int port = server.port();
            server.close();
            server = launch(dataDir, port, createOnPush, clockOffset, tuning, true);
        } catch (Exception e) {
            throw new IllegalStateException("could not restart the test server", e);
        }
    }

    /** {@link #restart(Duration)} with another lifecycle sweep interval from now on. */
    public void restart(Duration clockOffset, Duration lifecycleInterval) {
        UnaryOperator<Config> before = tuning;
        tuning = config -> before.apply(config).withLifecycle(lifecycleInterval, config.lifecycleRestoreWindow());
        restart(clockOffset);
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

    /** The running server's garbage collector, to run collections directly while clients push over HTTP. */
    public dev.berth.registry.gc.GarbageCollector garbageCollector() {
        return server.garbageCollector();
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
