package dev.berth.cli.transfer;

import java.io.IOException;
import java.io.InputStream;

/** A blob's bytes that can be read again from any offset: what lets an interrupted upload resume. */
@FunctionalInterface
public interface BlobContent {
    InputStream open(long offset) throws IOException;
}
