package dev.berth.storage;

import java.io.IOException;

/** No blob with that digest is stored. */
public class BlobNotFoundException extends IOException {
    public BlobNotFoundException(String message) {
        super(message);
    }
}
