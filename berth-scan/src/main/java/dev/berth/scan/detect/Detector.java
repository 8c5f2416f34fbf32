package dev.berth.scan.detect;

import dev.berth.scan.Package;
import dev.berth.scan.layer.ImageFile;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Finds one kind of package in an image. A detector first sees the files it {@link #wants}, streamed, in no
 * particular order (upper layers first); once the walk is over it turns what it read into packages, knowing the
 * image's distribution (which may have been read after the files). One instance per scan; not thread-safe.
 */
public interface Detector {

    /** Whether to read this file; decided from its path, size and mode only, and cheap. */
    boolean wants(ImageFile file);

    /**
     * Reads one wanted file. Throwing means the file could not be understood; it is then skipped. Must not keep
     * {@code content} after returning.
     */
    void read(ImageFile file, InputStream content) throws IOException;

    /** The packages found, once every file was read. */
    List<Package> packages(Distribution distribution);
}
