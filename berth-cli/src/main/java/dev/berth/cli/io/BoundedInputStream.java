package dev.berth.cli.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The next {@code length} bytes of a stream. A tar entry read in place ends where its data ends, and an upload
 * chunk ends where the chunk ends, though the stream underneath goes on: both read through this one bound.
 */
public final class BoundedInputStream extends FilterInputStream {
    private final boolean closesSource;
    private long remaining;

    private BoundedInputStream(InputStream in, long length, boolean closesSource) {
        super(in);
        this.remaining = length;
        this.closesSource = closesSource;
    }

    /** A bound that owns its source: closing it closes the source. */
    public static InputStream owning(InputStream in, long length) {
        return new BoundedInputStream(in, length, true);
    }

    /** A slice of a source that stays open after it, for the next slice to carry on from. */
    public static InputStream slice(InputStream in, long length) {
        return new BoundedInputStream(in, length, false);
    }

    @Override
    public int read() throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int b = in.read();
        if (b >= 0) {
            remaining--;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int n = in.read(buffer, off, (int) Math.min(len, remaining));
        if (n > 0) {
            remaining -= n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(Math.min(n, remaining));
        remaining -= skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), remaining);
    }

    @Override
    public void close() throws IOException {
        if (closesSource) {
            in.close();
        }
    }
}
