package dev.berth.storage;

import java.io.IOException;

/** No upload session with that id exists (never did, finished, or aborted). */
public class UploadNotFoundException extends IOException {
    public UploadNotFoundException(String message) {
        super(message);
    }
}
