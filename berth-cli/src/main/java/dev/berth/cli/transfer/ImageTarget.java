package dev.berth.cli.transfer;

import dev.berth.cli.image.Descriptor;
import dev.berth.cli.image.ManifestContent;
import java.io.IOException;

/**
 * Where an image goes. {@link Transfer} calls it with every blob of a manifest before that manifest, every child
 * manifest before its index, and {@link #finish} last, so a reader of the target never sees a manifest whose
 * content is missing. Blob calls come from several threads at once.
 */
public interface ImageTarget extends AutoCloseable {
    /** Stores a blob unless the target has it, reporting bytes and the outcome ({@code blobDone}) to {@code listener}. */
    BlobOutcome putBlob(Descriptor descriptor, BlobContent content, TransferListener listener) throws IOException;

    /** Stores a manifest that is not the root (a child of an index), by digest. */
    void putManifest(ManifestContent manifest) throws IOException;

    /** Stores the root manifest and names it (a tag, an {@code index.json} entry). Returns where it now is. */
    String finish(Descriptor root, ManifestContent manifest) throws IOException;

    /** "pushed", "pulled", "copied": for progress lines. */
    String verb();

    @Override
    default void close() throws IOException {
    }
}
