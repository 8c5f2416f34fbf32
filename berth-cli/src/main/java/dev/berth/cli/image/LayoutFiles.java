package dev.berth.cli.image;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Read access to the files of an image on disk, by slash-separated relative path: a directory, or a tar read in
 * place (entries are opened at their offset in the file, never extracted or buffered).
 */
public interface LayoutFiles extends Closeable {
    /** The file's size, when it exists. */
    Optional<Long> size(String path) throws IOException;

    /** The file's bytes from {@code offset} on. */
    InputStream open(String path, long offset) throws IOException;

    /** The file as a person would name it, for messages. */
    String describe(String path);

    default byte[] readSmall(String path, int limit) throws IOException {
        long size = size(path).orElseThrow(() -> new java.io.FileNotFoundException(describe(path)));
        if (size > limit) {
            throw new IOException(describe(path) + " is larger than " + limit + " bytes");
        }
        try (InputStream in = open(path, 0)) {
            return in.readAllBytes();
        }
    }
}
