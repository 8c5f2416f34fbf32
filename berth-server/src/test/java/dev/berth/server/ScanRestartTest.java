package dev.berth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.vulndb.OsvFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.DescribeImageScanFindingsResponse;
import software.amazon.awssdk.services.ecr.model.ScanStatus;

/** A scan queued by a push is a job in the database: a server that stops before running it leaves it to the next. */
class ScanRestartTest {

    @TempDir
    Path temp;

    @Test
    void aQueuedScanSurvivesARestart() throws Exception {
        try (TestServer server = TestServer.startWithoutJobs()) {
            assertThat(Main.commandLine().execute("vulndb", "import", "--data-dir", server.dataDir().toString(),
                    OsvFixture.writeDirectory(temp.resolve("osv")).toString())).isZero();
            String digest;
            try (EcrClient ecr = EcrClients.ecr(server)) {
                ecr.createRepository(b -> b.repositoryName("restart/app")
                        .imageScanningConfiguration(c -> c.scanOnPush(true)));
                OciClient oci = new OciClient(server.url());
                byte[] config = ScanImages.config("amd64");
                byte[] base = ScanImages.baseLayer();
                byte[] app = ScanImages.appLayer();
                byte[] cleanup = ScanImages.cleanupLayer();
                for (byte[] blob : List.of(config, base, app, cleanup)) {
                    oci.pushMonolithic("restart/app", blob);
                }
                digest = oci.pushManifest("restart/app", "1.0", ScanImages.manifest(config, base, app, cleanup),
                        Fixtures.OCI_MANIFEST);
                DescribeImageScanFindingsResponse queued = ecr.describeImageScanFindings(b -> b
                        .repositoryName("restart/app").imageId(i -> i.imageDigest(digest)));
                assertThat(queued.imageScanStatus().status()).isEqualTo(ScanStatus.IN_PROGRESS);
                assertThat(queued.imageScanStatus().description()).isEqualTo("The scan is queued.");
            }

            server.restart(Duration.ZERO);

            try (EcrClient ecr = EcrClients.ecr(server)) {
                DescribeImageScanFindingsResponse done = ecr.waiter().waitUntilImageScanComplete(
                        b -> b.repositoryName("restart/app").imageId(i -> i.imageDigest(digest)),
                        o -> o.maxAttempts(300).backoffStrategy(FixedDelayBackoffStrategy.create(
                                Duration.ofMillis(200)))).matched().response().orElseThrow();
                assertThat(done.imageScanFindings().findingSeverityCountsAsStrings())
                        .isEqualTo(java.util.Map.of("CRITICAL", 3, "HIGH", 3, "MEDIUM", 4, "UNDEFINED", 1));
            }
        }
    }
}
