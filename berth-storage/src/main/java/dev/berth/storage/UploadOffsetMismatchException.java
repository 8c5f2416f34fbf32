package dev.berth.storage;

import java.io.IOException;

/** A chunk that does not start where the upload currently ends (OCI: 416 with the current range). */
public class UploadOffsetMismatchException extends IOException {
    private final long currentSize;

    public UploadOffsetMismatchException(long offset, long currentSize) {
        super("chunk starts at " + offset + " but the upload has " + currentSize + " bytes");
        this.currentSize = currentSize;
    }

    public long currentSize() {
        return currentSize;
    }
}
