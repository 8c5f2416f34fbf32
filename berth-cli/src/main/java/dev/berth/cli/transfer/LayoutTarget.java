package dev.berth.cli.transfer;

import dev.berth.cli.image.Descriptor;
import dev.berth.cli.image.ManifestContent;
import dev.berth.cli.image.OciLayoutWriter;
import java.io.IOException;
import java.io.InputStream;

/**
 * An OCI layout directory. Blobs already there are skipped; new ones are verified while they stream in. The root
 * is named in {@code index.json} by {@code name} (the tag), or left unnamed.
 */
public final class LayoutTarget implements ImageTarget {
    private final OciLayoutWriter writer;
    private final String name;

    /** @param name the {@code org.opencontainers.image.ref.name} to give the image; null for none */
    public LayoutTarget(OciLayoutWriter writer, String name) {
        this.writer = writer;
        this.name = name;
    }

    @Override
    public BlobOutcome putBlob(Descriptor descriptor, BlobContent content, TransferListener listener)
            throws IOException {
        if (writer.hasBlob(descriptor)) {
            listener.blobDone(descriptor, BlobOutcome.SKIPPED, null);
            return BlobOutcome.SKIPPED;
        }
        try (InputStream in = content.open(0)) {
            writer.writeBlob(descriptor, in, n -> listener.bytes(descriptor, n));
        }
        listener.blobDone(descriptor, BlobOutcome.TRANSFERRED, null);
        return BlobOutcome.TRANSFERRED;
    }

    @Override
    public void putManifest(ManifestContent manifest) throws IOException {
        writer.writeManifest(manifest);
    }

    @Override
    public String finish(Descriptor root, ManifestContent manifest) throws IOException {
        writer.writeManifest(manifest);
        Descriptor entry = new Descriptor(manifest.mediaType(), manifest.digest(), manifest.bytes().length,
                root.platform(), java.util.Map.of()).withRefName(name);
        writer.addToIndex(entry);
        return "oci:" + writer.dir() + (name == null ? "" : ":" + name);
    }

    @Override
    public String verb() {
        return "pulled";
    }
}
