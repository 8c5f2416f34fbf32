package dev.berth.cli.transfer;

import dev.berth.cli.image.Descriptor;
import dev.berth.cli.image.ManifestContent;
import java.io.PrintWriter;

/** One line per finished blob or manifest: for CI logs and anything that is not a terminal. */
public class PlainProgress implements TransferListener {
    protected final PrintWriter out;
    private final String verb;

    public PlainProgress(PrintWriter out, String verb) {
        this.out = out;
        this.verb = verb;
    }

    @Override
    public synchronized void blobResumed(Descriptor blob, long offset, String why) {
        line("resuming " + blob.digest() + " at " + Sizes.format(offset) + " (offset " + offset
                + ", as the registry reports) after: " + why);
    }

    @Override
    public synchronized void blobDone(Descriptor blob, BlobOutcome outcome, String detail) {
        line(switch (outcome) {
            case TRANSFERRED -> verb + " " + blob.digest() + " (" + Sizes.format(blob.size()) + ")";
            case SKIPPED -> "skipped " + blob.digest() + " (exists)";
            case MOUNTED -> "mounted " + blob.digest() + " from " + detail;
        });
    }

    @Override
    public synchronized void manifestDone(ManifestContent manifest) {
        line("manifest " + manifest.digest() + " (" + manifest.mediaType() + ")");
    }

    protected void line(String text) {
        out.println(text);
        out.flush();
    }
}
