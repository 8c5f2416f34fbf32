package dev.berth.cli.transfer;

import dev.berth.cli.image.Descriptor;
import java.io.PrintWriter;

/**
 * The plain lines, plus one status line at the bottom redrawn in place (at most ten times a second): blobs done
 * of blobs started, and bytes moved. For an interactive terminal only; CI logs get {@link PlainProgress}.
 */
public final class TerminalProgress extends PlainProgress {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final String CLEAR_LINE = "\r\033[K";

    private int started;
    private int done;
    private long bytes;
    private long lastDraw;

    public TerminalProgress(PrintWriter out, String verb) {
        super(out, verb);
        this.lastDraw = System.nanoTime() - REDRAW_NANOS; // nanoTime may be any value, negative included
    }

    /** An interactive terminal, and not a CI job (which may fake one). */
    public static boolean isInteractive() {
        java.io.Console console = System.console();
        if (console == null || System.getenv("CI") != null) {
            return false;
        }
        try { // Java 22+: a Console may exist for redirected streams; isTerminal tells
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    @Override
    public synchronized void blobStarted(Descriptor blob) {
        started++;
        draw();
    }

    @Override
    public synchronized void bytes(Descriptor blob, long count) {
        bytes += count;
        long now = System.nanoTime();
        if (now - lastDraw > REDRAW_NANOS) {
            lastDraw = now;
            draw();
        }
    }

    @Override
    public synchronized void blobDone(Descriptor blob, BlobOutcome outcome, String detail) {
        done++;
        super.blobDone(blob, outcome, detail);
    }

    @Override
    protected void line(String text) {
        out.print(CLEAR_LINE);
        out.println(text);
        draw();
    }

    private void draw() {
        out.print(CLEAR_LINE + "  " + done + "/" + started + " blobs, " + Sizes.format(bytes));
        out.flush();
    }

    /** Clears the status line before the final summary. */
    public synchronized void end() {
        out.print(CLEAR_LINE);
        out.flush();
    }
}
