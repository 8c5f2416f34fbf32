package dev.berth.scan;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * One layer of an image as the scanner receives it: the media type from the manifest's descriptor and a way to
 * open the layer's bytes as stored (compressed). The scanner opens each layer once and closes it.
 *
 * @param mediaType   the descriptor's media type; it decides the decompression
 * @param description how the layer is named in error messages (its digest, usually)
 * @param opener      opens the stored bytes
 */
public record LayerSource(String mediaType, String description, Opener opener) {

    /** Opens a layer's stored bytes; each call returns a new stream that the caller closes. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    public LayerSource {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(opener, "opener");
    }
}
