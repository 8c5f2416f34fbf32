package dev.berth.storage;

import java.io.Closeable;
import java.io.IOException;

/** An open, immutable blob. Not thread-safe; close it when done. */
public interface BlobReader extends Closeable {

    long size();

    /**
     * Writes bytes {@code [offset, offset + length)} to {@code sink}, in large buffers (or mapped windows) so the
     * caller never sees the whole blob at once.
     *
     * @throws IndexOutOfBoundsException if {@code offset} or {@code length} is negative or the range ends past
     *     {@link #size()} (checked before anything is written)
     */
    void transferTo(long offset, long length, ByteSink sink) throws IOException;
}
