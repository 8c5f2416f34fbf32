package dev.berth.storage;

import dev.berth.oci.Digest;
import java.io.IOException;

/** Content that does not hash to the digest it was declared with; nothing of it was kept. */
public class DigestMismatchException extends IOException {
    private final Digest expected;
    private final Digest actual;

    public DigestMismatchException(Digest expected, Digest actual) {
        super("content digest " + actual + " does not match " + expected);
        this.expected = expected;
        this.actual = actual;
    }

    public Digest expected() {
        return expected;
    }

    public Digest actual() {
        return actual;
    }
}
