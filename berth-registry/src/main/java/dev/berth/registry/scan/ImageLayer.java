package dev.berth.registry.scan;

import dev.berth.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * One layer of an image as handed to an {@link InventoryScanner}: its descriptor's media type and digest, and a way
 * to open its stored bytes as a stream (never the whole layer in memory).
 */
public record ImageLayer(String mediaType, Digest digest, Opener opener) {

    /** Opens the stored bytes; each call returns a new stream that the caller closes. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    public ImageLayer {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(opener, "opener");
    }
}
