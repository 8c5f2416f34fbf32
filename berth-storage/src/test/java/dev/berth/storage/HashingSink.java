package dev.berth.storage;

import dev.berth.oci.Digest;
import dev.berth.oci.DigestAlgorithm;
import java.nio.ByteBuffer;
import java.security.MessageDigest;

/** A {@link ByteSink} that hashes and counts what it is given, and records the largest buffer it saw. */
public final class HashingSink implements ByteSink {
    private final DigestAlgorithm algorithm;
    private final MessageDigest hasher;
    private long count;
    private int largestBuffer;
    private int writes;

    public HashingSink(DigestAlgorithm algorithm) {
        this.algorithm = algorithm;
        this.hasher = algorithm.newHasher();
    }

    @Override
    public void write(ByteBuffer buffer) {
        largestBuffer = Math.max(largestBuffer, buffer.remaining());
        count += buffer.remaining();
        writes++;
        hasher.update(buffer);
    }

    public long count() {
        return count;
    }

    public int largestBuffer() {
        return largestBuffer;
    }

    public int writes() {
        return writes;
    }

    /** The digest of everything written; call once. */
    public Digest digest() {
        return Digest.of(algorithm, hasher.digest());
    }
}
