package dev.berth.server;

import dev.berth.metadata.JdbcMetadataStore;
import dev.berth.metadata.VulnerabilityDbStatus;
import dev.berth.vulndb.ImportReport;
import dev.berth.vulndb.VulnerabilityDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code berth vulndb}: the vulnerability database in a data directory's metadata database. The commands open the
 * database directly, so they work whether or not a server runs on it (SQLite's WAL lets one process write while
 * others read; the server sees an import at its next scan). Exit status: 0 done, 1 the source or the download
 * failed (nothing published), 2 bad usage.
 */
@Command(name = "vulndb", mixinStandardHelpOptions = true,
        description = "Import and inspect the vulnerability database (OSV).",
        subcommands = {VulndbCommand.Import.class, VulndbCommand.Status.class})
final class VulndbCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import OSV advisories: an export zip (<Ecosystem>/all.zip), a directory of OSV JSON "
                    + "(searched recursively) or one JSON file; or download a zip with --url.")
    static final class Import implements Callable<Integer> {
        static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(30);

        @Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        Main.DataDirOption data = new Main.DataDirOption();

        @Parameters(arity = "0..1", paramLabel = "<zip|dir|file>", description = "what to import")
        Path source;

        @Option(names = "--url", defaultValue = "${env:BERTH_VULNDB_URL}",
                description = "download this OSV zip first, to a temporary file (BERTH_VULNDB_URL)")
        String url;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if ((source == null) == (url == null || url.isBlank())) {
                err.println("berth vulndb import: give either a source path or --url (or BERTH_VULNDB_URL)");
                return 2;
            }
            Path downloaded = null;
            try (JdbcMetadataStore metadata = JdbcMetadataStore.sqlite(Config.metadataDatabase(data.dataDir))) {
                Path from = source;
                if (from == null) {
                    downloaded = download(URI.create(url.trim()), out);
                    from = downloaded;
                }
                ImportReport report = new VulnerabilityDatabase(metadata.vulnerabilityStore(), Clock.systemUTC())
                        .importFrom(from);
                out.printf("read %d, imported %d, withdrawn %d, skipped %d; revision %d%n", report.read(),
                        report.imported(), report.withdrawn(), report.skipped(), report.revision());
                report.skipReasons().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(reason ->
                        out.printf("  skipped %d: %s%n", reason.getValue(), reason.getKey()));
                return 0;
            } catch (IOException | IllegalArgumentException e) {
                err.println("berth vulndb import: " + e.getMessage());
                return 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                err.println("berth vulndb import: interrupted");
                return 1;
            } finally {
                if (downloaded != null) {
                    try {
                        Files.deleteIfExists(downloaded);
                    } catch (IOException ignored) {
                        // a temporary file left behind is harmless
                    }
                }
            }
        }

        private static Path download(URI uri, PrintWriter out) throws IOException, InterruptedException {
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                throw new IllegalArgumentException("--url must be http(s): " + shown(uri));
            }
            Path file = Files.createTempFile("berth-vulndb-", ".zip");
            try {
                HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                        .connectTimeout(Duration.ofSeconds(30)).build();
                HttpResponse<Path> response = client.send(HttpRequest.newBuilder(uri).timeout(DOWNLOAD_TIMEOUT)
                        .GET().build(), HttpResponse.BodyHandlers.ofFile(file));
                if (response.statusCode() != 200) {
                    throw new IOException("download of " + shown(uri) + " answered " + response.statusCode());
                }
                out.printf("downloaded %s (%d bytes)%n", shown(uri), Files.size(file));
                return file;
            } catch (IOException | InterruptedException | RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
        }

        /** The URL without user info or query, which may hold credentials. */
        private static String shown(URI uri) {
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                    + (uri.getRawPath() == null ? "" : uri.getRawPath());
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show the database's revision, when it was imported and its advisories per ecosystem.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        Main.DataDirOption data = new Main.DataDirOption();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (JdbcMetadataStore metadata = JdbcMetadataStore.sqlite(Config.metadataDatabase(data.dataDir))) {
                VulnerabilityDbStatus status = metadata.vulnerabilityStore().status();
                out.printf("revision %d%n", status.revision());
                out.printf("imported %s%n", status.importedAt().map(Object::toString).orElse("never"));
                out.printf("advisories %d%n", status.advisories());
                status.perEcosystem().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry ->
                        out.printf("  %s %d%n", entry.getKey(), entry.getValue()));
                return 0;
            }
        }
    }
}
