package dev.berth.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * A {@link BlobReader} over one blob file.
 *
 * <p>Large ranges of large blobs are memory-mapped, read-only, in windows of at most {@value #WINDOW_SIZE} bytes,
 * and handed to the sink without copying. That is only safe because blob files are content-addressed and
 * therefore immutable: the store never writes to or truncates a file once it is in place (a truncated mapping
 * would fault on access). Deleting the blob unlinks the name only, so an open reader keeps reading the same bytes
 * (POSIX semantics). Windows are unmapped by the garbage collector (Java 21 offers no explicit unmap without
 * preview features); they cost address space, not heap.
 *
 * <p>Small blobs and small ranges are read through one heap buffer of at most {@value #BUFFER_SIZE} bytes, which
 * is cheaper than setting up a mapping.
 *
 * <p>Not thread-safe (one reader serves one response). Close it to release the file handle.
 */
final class FileBlobReader implements BlobReader {
    /** Blobs at most this big are always read through a buffer. */
    static final long MAP_THRESHOLD = 1 << 20;
    static final int WINDOW_SIZE = 64 << 20;
    static final int BUFFER_SIZE = 256 << 10;

    private final FileChannel channel;
    private final long size;
    private final int windowSize;

    FileBlobReader(FileChannel channel) throws IOException {
        this(channel, WINDOW_SIZE);
    }

    /** Tests use a small window to cross window boundaries cheaply. */
    FileBlobReader(FileChannel channel, int windowSize) throws IOException {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.size = channel.size();
        if (windowSize <= 0) {
            throw new IllegalArgumentException("windowSize must be positive: " + windowSize);
        }
        this.windowSize = windowSize;
    }

    @Override
    public long size() {
        return size;
    }

    /** @throws IndexOutOfBoundsException if the range is negative or extends past {@link #size()} */
    @Override
    public void transferTo(long offset, long length, ByteSink sink) throws IOException {
        Objects.checkFromIndexSize(offset, length, size);
        Objects.requireNonNull(sink, "sink");
        if (length == 0) {
            return;
        }
        if (size > MAP_THRESHOLD && length > BUFFER_SIZE) {
            transferMapped(offset, length, sink);
        } else {
            transferBuffered(offset, length, sink);
        }
    }

    private void transferMapped(long offset, long length, ByteSink sink) throws IOException {
        long end = offset + length;
        for (long position = offset; position < end; ) {
            long window = Math.min(windowSize, end - position);
            ByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, position, window);
            sink.write(mapped);
            position += window;
        }
    }

    private void transferBuffered(long offset, long length, ByteSink sink) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(BUFFER_SIZE, length));
        long end = offset + length;
        for (long position = offset; position < end; ) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
            int n = channel.read(buffer, position);
            if (n < 0) {
                // Blobs are never truncated, so this means the file was damaged outside the store.
                throw new IOException("blob file ended at " + position + " of " + size + " bytes");
            }
            position += n;
            buffer.flip();
            sink.write(buffer);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
