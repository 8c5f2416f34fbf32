package dev.berth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.berth.metadata.JdbcMetadataStore;
import dev.berth.scan.Package;
import dev.berth.vulndb.Finding;
import dev.berth.vulndb.OsvFixture;
import dev.berth.vulndb.VulnerabilityDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code berth vulndb import|status} run as the launcher runs them, then the data directory's database read back. */
class VulndbCommandTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run berth(String... args) {
        CommandLine commandLine = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void importsADirectoryIntoTheDataDirectoryAndReportsItsStatus() throws Exception {
        Path dataDir = dir.resolve("data");
        Path osv = OsvFixture.writeDirectory(dir.resolve("osv"));

        Run imported = berth("vulndb", "import", osv.toString(), "--data-dir", dataDir.toString());

        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("read 12, imported 12, withdrawn 0, skipped 0; revision 1");
        try (JdbcMetadataStore metadata = JdbcMetadataStore.sqlite(Config.metadataDatabase(dataDir))) {
            VulnerabilityDatabase vulndb = new VulnerabilityDatabase(metadata.vulnerabilityStore(), Clock.systemUTC());
            assertThat(vulndb.status().perEcosystem()).containsEntry("Maven", 4L).containsEntry("Debian:12", 2L);
            Package log4j = new Package("Maven", "org.apache.logging.log4j:log4j-core", "2.14.1", null, null,
                    "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "/app.jar");
            assertThat(vulndb.index().match(log4j)).extracting(Finding::id).contains("CVE-2021-44228");
        }

        Run status = berth("vulndb", "status", "--data-dir", dataDir.toString());
        assertThat(status.exit()).isZero();
        assertThat(status.out()).contains("revision 1", "advisories 12", "  Maven 4", "  Debian:12 2", "  npm 3");
    }

    @Test
    void importsWhileTheServerRunsOnTheSameDataDirectory() throws Exception {
        try (TestServer server = TestServer.start()) {
            Path zip = OsvFixture.writeZip(dir.resolve("all.zip"));
            Run imported = berth("vulndb", "import", zip.toString(), "--data-dir", server.dataDir().toString());
            assertThat(imported.exit()).as(imported.err()).isZero();
            assertThat(imported.out()).contains("imported 12");
            assertThat(server.http().get("/healthz").statusCode()).isEqualTo(200);
            assertThat(berth("vulndb", "status", "--data-dir", server.dataDir().toString()).out())
                    .contains("advisories 12");
        }
    }

    @Test
    void downloadsFromAUrlFirst() throws Exception {
        byte[] zip = Files.readAllBytes(OsvFixture.writeZip(dir.resolve("all.zip")));
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/Maven/all.zip", exchange -> {
            exchange.sendResponseHeaders(200, zip.length);
            exchange.getResponseBody().write(zip);
            exchange.close();
        });
        http.createContext("/missing.zip", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        http.start();
        try {
            String base = "http://127.0.0.1:" + http.getAddress().getPort();
            Path dataDir = dir.resolve("data");
            Run imported = berth("vulndb", "import", "--url", base + "/Maven/all.zip?token=secret",
                    "--data-dir", dataDir.toString());
            assertThat(imported.exit()).as(imported.err()).isZero();
            assertThat(imported.out()).contains("downloaded " + base + "/Maven/all.zip (", "imported 12")
                    .doesNotContain("secret");

            Run missing = berth("vulndb", "import", "--url", base + "/missing.zip", "--data-dir", dataDir.toString());
            assertThat(missing.exit()).isEqualTo(1);
            assertThat(missing.err()).contains("answered 404");
            assertThat(berth("vulndb", "status", "--data-dir", dataDir.toString()).out()).contains("revision 1");
        } finally {
            http.stop(0);
        }
    }

    @Test
    void badUsageAndMissingSourcesFailClearly() {
        Path dataDir = dir.resolve("data");
        Run neither = berth("vulndb", "import", "--data-dir", dataDir.toString());
        assertThat(neither.exit()).isEqualTo(2);
        assertThat(neither.err()).contains("give either a source path or --url");

        Run missing = berth("vulndb", "import", dir.resolve("nope").toString(), "--data-dir", dataDir.toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("no such file or directory");
        assertThat(berth("vulndb", "status", "--data-dir", dataDir.toString()).out())
                .contains("revision 0", "imported never", "advisories 0");
    }

    @Test
    void theCommandIsListedInTheHelp() {
        assertThat(berth("--help").out()).contains("vulndb");
        assertThat(berth("vulndb", "import", "--help").out()).contains("--url", "--data-dir", "BERTH_VULNDB_URL");
    }
}
