package dev.berth.storage;

import java.io.IOException;
import java.io.InputStream;

/** A stream that delivers the first {@code failAfter} bytes of another and then throws, like a dropped client. */
public final class FailingInputStream extends InputStream {
    private final InputStream delegate;
    private long remaining;

    public FailingInputStream(InputStream delegate, long failAfter) {
        this.delegate = delegate;
        this.remaining = failAfter;
    }

    @Override
    public int read() throws IOException {
        if (remaining <= 0) {
            throw new IOException("connection reset (simulated)");
        }
        remaining--;
        return delegate.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (remaining <= 0) {
            throw new IOException("connection reset (simulated)");
        }
        int n = delegate.read(b, off, (int) Math.min(len, remaining));
        if (n > 0) {
            remaining -= n;
        }
        return n;
    }
}
