package dev.berth.registry.scan;

import dev.berth.storage.BlobReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * A stored blob as an {@link InputStream}, read a window at a time through {@link BlobReader#transferTo}: the
 * scanner pulls layer bytes as it needs them and never holds more than one window. Closes the reader. Not
 * thread-safe.
 */
final class BlobInputStream extends InputStream {
    private static final int WINDOW = 256 * 1024;

    private final BlobReader reader;
    private final byte[] window = new byte[WINDOW];
    private long position;
    private int filled;
    private int next;

    BlobInputStream(BlobReader reader) {
        this.reader = reader;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return window[next++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, filled - next);
        System.arraycopy(window, next, b, off, n);
        next += n;
        return n;
    }

    private boolean fill() throws IOException {
        if (next < filled) {
            return true;
        }
        long left = reader.size() - position;
        if (left <= 0) {
            return false;
        }
        int length = (int) Math.min(WINDOW, left);
        filled = 0;
        next = 0;
        reader.transferTo(position, length, (ByteBuffer buffer) -> {
            int n = buffer.remaining();
            buffer.get(window, filled, n);
            filled += n;
        });
        position += length;
        return filled > 0;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
