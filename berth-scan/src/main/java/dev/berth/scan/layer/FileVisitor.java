package dev.berth.scan.layer;

import java.io.IOException;
import java.io.InputStream;

/** Receives the visible regular files of an image, one at a time, while its layers stream past. */
@FunctionalInterface
public interface FileVisitor {

    /**
     * Reads (part of) one file. {@code content} is valid only during the call; the visitor need not read it to the
     * end and must not keep it. An exception thrown here means the file's content could not be understood: the file
     * is skipped and the walk goes on, unless the layer itself failed underneath.
     */
    void visit(ImageFile file, InputStream content) throws IOException;
}
