package dev.berth.cli.transfer;

import dev.berth.cli.image.Descriptor;
import dev.berth.cli.image.ManifestContent;
import java.io.IOException;

/** Where an image comes from: a registry, an OCI layout (directory or tar) or a docker archive. */
public interface ImageSource extends AutoCloseable {
    /** The image (an index or a manifest) the user named. */
    Descriptor root() throws IOException;

    /** A manifest or index of the image, verified against its digest. */
    ManifestContent manifest(Descriptor descriptor) throws IOException;

    /** A blob's bytes; the consumer (a registry, or the layout writer) verifies them. */
    BlobContent blob(Descriptor descriptor);

    @Override
    default void close() throws IOException {
    }
}
