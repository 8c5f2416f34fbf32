package dev.berth.storage;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Where a {@link BlobReader} writes: the HTTP edge adapts its response to this. Writes block until consumed. */
@FunctionalInterface
public interface ByteSink {
    /** Consumes all remaining bytes of {@code buffer} before returning; the buffer may be reused afterwards. */
    void write(ByteBuffer buffer) throws IOException;
}
