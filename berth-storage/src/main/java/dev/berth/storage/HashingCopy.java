package dev.berth.storage;

import dev.berth.oci.DigestAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * Streams bytes into a file while hashing them, in 1 MiB steps, so that a blob is hashed exactly once, on the way
 * in, and is never held in memory. Stateless; each call allocates its own buffer (a pool would have to be shared
 * by virtual threads, and 1 MiB per active transfer is cheap next to the disk and hash work).
 */
final class HashingCopy {
    static final int BUFFER_SIZE = 1 << 20;

    private HashingCopy() {}

    /**
     * Copies {@code in} to the end of what {@code out} has been positioned at, updating {@code hasher} with exactly
     * the bytes written. Does not sync. On failure an unknown prefix may have been written and hashed; the caller
     * rolls back.
     *
     * @return the number of bytes copied
     */
    static long copy(InputStream in, FileChannel out, MessageDigest hasher) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        long total = 0;
        while (true) {
            // Fill the buffer before writing: sockets deliver small pieces, the disk prefers big ones.
            int n = in.readNBytes(buffer, 0, buffer.length);
            if (n == 0) {
                return total;
            }
            hasher.update(buffer, 0, n);
            ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
            while (chunk.hasRemaining()) {
                out.write(chunk);
            }
            total += n;
            if (n < buffer.length) {
                return total;
            }
        }
    }

    /** Hashes a whole file with {@code algorithm}; used to rebuild a session after a restart, or for sha512. */
    static MessageDigest hashFile(Path file, DigestAlgorithm algorithm) throws IOException {
        MessageDigest hasher = algorithm.newHasher();
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            while (in.read(buffer) >= 0) {
                buffer.flip();
                hasher.update(buffer);
                buffer.clear();
            }
        }
        return hasher;
    }
}
