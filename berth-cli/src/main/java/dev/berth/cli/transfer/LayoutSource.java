package dev.berth.cli.transfer;

import dev.berth.cli.image.Descriptor;
import dev.berth.cli.image.ManifestContent;
import dev.berth.cli.image.OciLayoutReader;
import java.io.IOException;

/** An image of an OCI layout (a directory, or a tar such as {@code buildx --output type=oci} writes). */
public final class LayoutSource implements ImageSource {
    private final OciLayoutReader reader;
    private final Descriptor root;

    /** @param name the image's {@code org.opencontainers.image.ref.name}; null for the layout's only image */
    public LayoutSource(OciLayoutReader reader, String name) throws IOException {
        this.reader = reader;
        this.root = reader.select(name);
    }

    @Override
    public Descriptor root() {
        return root;
    }

    @Override
    public ManifestContent manifest(Descriptor descriptor) throws IOException {
        return reader.manifest(descriptor);
    }

    @Override
    public BlobContent blob(Descriptor descriptor) {
        return offset -> reader.openBlob(descriptor.digest(), offset);
    }


    @Override
    public void close() throws IOException {
        reader.files().close();
    }
}
