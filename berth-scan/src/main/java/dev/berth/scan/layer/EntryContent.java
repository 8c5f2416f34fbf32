package dev.berth.scan.layer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * One tar entry's content as handed to a visitor: closing it does nothing (the tar goes on), and a failure of the
 * layer stream underneath is remembered, so that the walker can tell "this layer is corrupt" from "the visitor could
 * not parse this file" even when the visitor swallowed the exception.
 */
final class EntryContent extends FilterInputStream {
    private IOException layerFailure;

    EntryContent(InputStream entry) {
        super(entry);
    }

    IOException layerFailure() {
        return layerFailure;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return super.skip(n);
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public void close() {
        // The tar stream belongs to the walker.
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private IOException remember(IOException e) {
        if (layerFailure == null) {
            layerFailure = e;
        }
        return e;
    }
}
