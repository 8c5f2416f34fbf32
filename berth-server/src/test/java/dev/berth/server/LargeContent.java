package dev.berth.server;

import dev.berth.oci.Digest;
import dev.berth.oci.DigestAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Deterministic content of any size, generated in 64 KiB blocks and never held in memory as a whole: for uploads
 * large enough that a server could not buffer them. A stream over it can {@linkplain #pausingAt pause} at an offset
 * until the test resumes or aborts it, which keeps an upload in flight for as long as the test needs without
 * sleeping. Thread-safe; each stream is for one reader.
 */
final class LargeContent {
    private static final int BLOCK = 64 * 1024;

    private final long seed;
    private final long size;
    private String digest;

    LargeContent(long seed, long size) {
        this.seed = seed;
        this.size = size;
    }

    long size() {
        return size;
    }

    /** The sha256 digest of the whole content, computed once. */
    synchronized String digest() {
        if (digest == null) {
            digest = computeDigest();
        }
        return digest;
    }

    private String computeDigest() {
        MessageDigest hasher = DigestAlgorithm.SHA256.newHasher();
        for (long block = 0; block * BLOCK < size; block++) {
            hasher.update(block(block), 0, (int) Math.min(BLOCK, size - block * BLOCK));
        }
        return Digest.of(DigestAlgorithm.SHA256, hasher.digest()).toString();
    }

    /** Every byte from {@code from} to the end. */
    InputStream from(long from) {
        return new Stream(from, null, Long.MAX_VALUE);
    }

    /** Every byte, pausing before offset {@code at} until {@code pause} is resumed or aborted. */
    InputStream pausingAt(long at, Pause pause) {
        return new Stream(0, pause, at);
    }

    private byte[] block(long index) {
        byte[] b = new byte[BLOCK];
        new Random(seed * 1_000_003L + index).nextBytes(b);
        return b;
    }

    /** Where a paused stream waits. Resuming lets it run to the end; aborting makes its next read fail. */
    static final class Pause {
        private final CountDownLatch released = new CountDownLatch(1);
        private final CountDownLatch reached = new CountDownLatch(1);
        private volatile boolean abort;

        void resume() {
            released.countDown();
        }

        void abort() {
            abort = true;
            released.countDown();
        }

        /** Whether the reader got to the pause (every byte before it was handed out). */
        boolean reached() {
            return reached.getCount() == 0;
        }

        private void await() throws IOException {
            reached.countDown();
            try {
                if (!released.await(5, TimeUnit.MINUTES)) {
                    throw new IOException("paused stream never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while paused");
            }
            if (abort) {
                throw new IOException("upload aborted by the test");
            }
        }
    }

    private final class Stream extends InputStream {
        private final Pause pause;
        private final long pauseAt;
        private long position;
        private long cachedIndex = -1;
        private byte[] cached;

        Stream(long from, Pause pause, long pauseAt) {
            this.position = from;
            this.pause = pause;
            this.pauseAt = pauseAt;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (position >= size) {
                return -1;
            }
            if (pause != null && position == pauseAt) {
                pause.await();
            }
            long index = position / BLOCK;
            if (index != cachedIndex) {
                cached = block(index);
                cachedIndex = index;
            }
            int inBlock = (int) (position % BLOCK);
            long limit = Math.min(size, position < pauseAt ? pauseAt : Long.MAX_VALUE);
            int n = (int) Math.min(Math.min(length, BLOCK - inBlock), limit - position);
            System.arraycopy(cached, inBlock, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
