package dev.berth.storage;

import dev.berth.oci.Digest;
import dev.berth.oci.DigestAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Deterministic pseudo-random content of any size, produced on demand so that tests can store and check blobs far
 * bigger than they would want to hold in memory: byte {@code i} depends only on the seed and {@code i}, so any
 * range can be regenerated and hashed independently. Immutable.
 */
public record GeneratedContent(long seed, long size) {

    public GeneratedContent {
        if (size < 0) {
            throw new IllegalArgumentException("negative size");
        }
    }

    /** A fresh stream over the whole content. */
    public InputStream stream() {
        return stream(0, size);
    }

    /** A fresh stream over {@code [offset, offset + length)}. */
    public InputStream stream(long offset, long length) {
        Objects.checkFromIndexSize(offset, length, size);
        return new InputStream() {
            private long position = offset;
            private final long end = offset + length;

            @Override
            public int read() {
                return position < end ? byteAt(position++) & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                Objects.checkFromIndexSize(off, len, b.length);
                if (len == 0) {
                    return 0;
                }
                if (position >= end) {
                    return -1;
                }
                int n = (int) Math.min(len, end - position);
                for (int i = 0; i < n; i++) {
                    b[off + i] = byteAt(position++);
                }
                return n;
            }
        };
    }

    public Digest digest(DigestAlgorithm algorithm) {
        return digest(algorithm, 0, size);
    }

    /** The digest of one range, computed by streaming it. */
    public Digest digest(DigestAlgorithm algorithm, long offset, long length) {
        MessageDigest hasher = algorithm.newHasher();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = stream(offset, length)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                hasher.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Digest.of(algorithm, hasher.digest());
    }

    /** Whole content as an array; only for small sizes. */
    public byte[] bytes() {
        try (InputStream in = stream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte byteAt(long position) {
        // SplitMix64 finaliser over (seed, 8-byte word index): cheap, and no period a window size could align with.
        long z = seed * 0x9E3779B97F4A7C15L + (position >>> 3) + 1;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (byte) (z >>> ((position & 7) * 8));
    }
}
