package dev.berth.server;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code berth} command. Every option also reads an environment variable, named in its help. */
@Command(name = "berth", mixinStandardHelpOptions = true, version = "berth 0.1.0",
        description = "A self-hosted container registry.", subcommands = {Main.Serve.class, VulndbCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The whole {@code berth} command line: the server's commands and the client's. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        for (Object command : dev.berth.cli.ClientCommands.all()) {
            commandLine.addSubcommand(command);
        }
        return commandLine;
    }

    /** {@code --data-dir}, shared by every command that works on the server's data directory. */
    static final class DataDirOption {
        @Option(names = "--data-dir", defaultValue = "${env:BERTH_DATA_DIR:-berth-data}",
                description = "where blobs and metadata live (BERTH_DATA_DIR; default ${DEFAULT-VALUE})")
        Path dataDir;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the registry server.")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--listen", defaultValue = "${env:BERTH_LISTEN:-127.0.0.1:5000}",
                description = "host:port to listen on (BERTH_LISTEN; default ${DEFAULT-VALUE})")
        String listen;

        @CommandLine.Mixin
        DataDirOption data = new DataDirOption();

        @Option(names = "--public-url", defaultValue = "${env:BERTH_PUBLIC_URL}",
                description = "the URL clients use to reach Berth (BERTH_PUBLIC_URL; default http://<listen>)")
        String publicUrl;

        @Option(names = "--account-id", defaultValue = "${env:BERTH_ACCOUNT_ID:-000000000000}",
                description = "the 12-digit account id in ARNs (BERTH_ACCOUNT_ID; default ${DEFAULT-VALUE})")
        String accountId;

        @Option(names = "--region", defaultValue = "${env:BERTH_REGION:-us-east-1}",
                description = "the region in ARNs (BERTH_REGION; default ${DEFAULT-VALUE})")
        String region;

        @Option(names = "--clock-offset", defaultValue = "${env:BERTH_CLOCK_OFFSET:-PT0S}",
                description = "ISO-8601 duration added to the clock, for testing (BERTH_CLOCK_OFFSET)")
        String clockOffset;

        @Option(names = "--create-on-push", defaultValue = "${env:BERTH_CREATE_ON_PUSH:-true}", arity = "1",
                description = "create a missing repository on first push (BERTH_CREATE_ON_PUSH; default ${DEFAULT-VALUE})")
        boolean createOnPush;

        @Option(names = "--open", defaultValue = "${env:BERTH_OPEN:-false}", arity = "0..1",
                description = "serve /v2/ without authentication: local development only (BERTH_OPEN; default false)")
        boolean open;

        @Option(names = "--gc-interval", defaultValue = "${env:BERTH_GC_INTERVAL:-1h}",
                description = "time between garbage collections (BERTH_GC_INTERVAL; default ${DEFAULT-VALUE})")
        String gcInterval;

        @Option(names = "--gc-grace", defaultValue = "${env:BERTH_GC_GRACE:-24h}",
                description = "age before an unreferenced blob is deleted (BERTH_GC_GRACE; default ${DEFAULT-VALUE})")
        String gcGrace;

        @Option(names = "--upload-expiry", defaultValue = "${env:BERTH_UPLOAD_EXPIRY:-24h}",
                description = "idle time before an upload session is discarded (BERTH_UPLOAD_EXPIRY; default ${DEFAULT-VALUE})")
        String uploadExpiry;

        @Option(names = "--lifecycle-interval", defaultValue = "${env:BERTH_LIFECYCLE_INTERVAL:-24h}",
                description = "how often every repository's lifecycle policy runs; 0: only on demand"
                        + " (BERTH_LIFECYCLE_INTERVAL; default ${DEFAULT-VALUE})")
        String lifecycleInterval;

        @Option(names = "--lifecycle-restore-window", defaultValue = "${env:BERTH_LIFECYCLE_RESTORE_WINDOW:-7d}",
                description = "how long an image expired by a lifecycle policy can be restored"
                        + " (BERTH_LIFECYCLE_RESTORE_WINDOW; default ${DEFAULT-VALUE})")
        String lifecycleRestoreWindow;

        @Override
        public Integer call() throws Exception {
            Config config;
            try {
                InetSocketAddress listenAddress = Config.parseListen(listen);
                config = new Config(listenAddress.getHostString(), listenAddress.getPort(), data.dataDir,
                        publicUrl == null || publicUrl.isBlank() ? null : publicUrl, accountId, region,
                        Config.parseClockOffset(clockOffset), createOnPush, System.getenv("BERTH_ROOT_ACCESS_KEY_ID"),
                        System.getenv("BERTH_ROOT_SECRET_ACCESS_KEY"), open,
                        Config.parseDuration("BERTH_GC_INTERVAL", gcInterval, Config.DEFAULT_GC_INTERVAL),
                        Config.parseDuration("BERTH_GC_GRACE", gcGrace, Config.DEFAULT_GC_GRACE),
                        Config.parseDuration("BERTH_UPLOAD_EXPIRY", uploadExpiry, Config.DEFAULT_UPLOAD_EXPIRY),
                        Config.parseDuration("BERTH_LIFECYCLE_INTERVAL", lifecycleInterval,
                                Config.DEFAULT_LIFECYCLE_INTERVAL),
                        Config.parseDuration("BERTH_LIFECYCLE_RESTORE_WINDOW", lifecycleRestoreWindow,
                                Config.DEFAULT_RESTORE_WINDOW));
            } catch (Config.ConfigException e) {
                System.err.println("berth: " + e.getMessage());
                return 2;
            }
            BerthServer server = new BerthServer(config);
            // Any other way the JVM goes down (SIGINT, SIGHUP, System.exit) still stops the server gracefully.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (Exception e) {
                    System.err.println("berth: error while stopping: " + e);
                }
            }, "berth-shutdown"));
            CountDownLatch terminate = onSigterm();
            server.start();
            terminate.await();
            server.close(); // graceful: requests in flight finish, up to the server's stop timeout
            return 0;
        }

        /**
         * SIGTERM is how supervisors stop a server, so it is a normal stop: the main thread stops the server and
         * the process exits 0. Left to the JVM, SIGTERM runs the shutdown hooks and then exits 143 (128 + 15),
         * which supervisors such as systemd report as a failure unless told otherwise. Where the JVM reserves the
         * signal ({@code -Xrs}), the shutdown hook still stops the server, with the JVM's status.
         */
        private static CountDownLatch onSigterm() {
            CountDownLatch terminate = new CountDownLatch(1);
            try {
                sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> terminate.countDown());
            } catch (IllegalArgumentException e) {
                System.err.println("berth: cannot handle SIGTERM (" + e.getMessage() + "); relying on the shutdown hook");
            }
            return terminate;
        }
    }
}
