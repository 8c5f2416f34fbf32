package dev.berth.cli.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.cli.image.Descriptor;
import dev.berth.oci.Digest;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private static final Descriptor BLOB = Descriptor.of("application/vnd.oci.image.layer.v1.tar",
            Digest.parse("sha256:" + "c".repeat(64)), 12_897_485);

    @Test
    void plainLinesForLogs() {
        StringWriter out = new StringWriter();
        PlainProgress progress = new PlainProgress(new PrintWriter(out), "pushed");
        progress.blobStarted(BLOB);
        progress.bytes(BLOB, 1000);
        progress.blobResumed(BLOB, 16_777_216, "connection reset");
        progress.blobDone(BLOB, BlobOutcome.TRANSFERRED, null);
        progress.blobDone(BLOB, BlobOutcome.SKIPPED, null);
        progress.blobDone(BLOB, BlobOutcome.MOUNTED, "team/base");
        assertThat(out.toString().lines()).containsExactly(
                "resuming " + BLOB.digest() + " at 16.0 MiB (offset 16777216, as the registry reports) after: connection reset",
                "pushed " + BLOB.digest() + " (12.3 MiB)",
                "skipped " + BLOB.digest() + " (exists)",
                "mounted " + BLOB.digest() + " from team/base");
    }

    @Test
    void terminalKeepsTheLinesAndRedrawsOneStatusLine() {
        StringWriter out = new StringWriter();
        TerminalProgress progress = new TerminalProgress(new PrintWriter(out), "pulled");
        progress.blobStarted(BLOB);
        progress.blobStarted(BLOB);
        progress.bytes(BLOB, 2048);
        progress.blobDone(BLOB, BlobOutcome.TRANSFERRED, null);
        progress.end();
        String text = out.toString();
        assertThat(text).contains("pulled " + BLOB.digest() + " (12.3 MiB)\n")
                .contains("\r\033[K  1/2 blobs, 2.0 KiB").endsWith("\r\033[K");
    }
}
