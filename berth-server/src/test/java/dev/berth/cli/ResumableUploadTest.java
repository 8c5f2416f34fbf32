package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.server.TestServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A chunked upload broken off by the network continues where the registry says it has the bytes up to. */
class ResumableUploadTest {
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path tmp;

    @Test
    void aChunkCutOffInTransitResumesFromTheRegistrysRange() throws Exception {
        try (TestServer server = TestServer.start();
                CuttingProxy proxy = new CuttingProxy(URI.create(server.url()).getPort(), 3 * MIB / 2)) {
            String registry = "127.0.0.1:" + proxy.port();
            Path source = tmp.resolve("layout");
            int size = 7 * MIB / 2;
            String layer = TestImages.singleImageLayout(source, "1", size, 99);

            Cli.Run push = Cli.run("push", "--config", Cli.rootConfig(tmp, registry).toString(), "--chunk-size",
                    "1MiB", source.toString(), registry + "/team/big:1");

            assertThat(push.exitCode()).as(push.toString()).isZero();
            assertThat(proxy.didCut()).isTrue();
            // the first 1 MiB chunk was acknowledged; the second broke off at 1.5 MiB and was rolled back
            assertThat(push.lines("resuming " + layer + " at 1.0 MiB (offset 1048576, as the registry reports)"))
                    .as(push.toString()).hasSize(1);
            assertThat(server.http().get("/v2/team/big/blobs/" + layer).body())
                    .isEqualTo(Files.readAllBytes(source.resolve("blobs/sha256/" + layer.substring(7))));
            // 1.5 MiB lost, then 2.5 MiB from the resume point: a restart from zero would have sent 3.5 MiB more
            assertThat(proxy.upstreamBytes()).isLessThan(size + 3L * MIB / 2 + MIB / 2);
        }
    }
}
