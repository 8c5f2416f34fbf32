package dev.berth.cli.transfer;

import dev.berth.cli.image.Descriptor;
import dev.berth.cli.image.ManifestContent;
import dev.berth.cli.registry.ImageReference;
import dev.berth.cli.registry.RegistryClient;
import dev.berth.cli.registry.RegistryException;
import dev.berth.cli.registry.Upload;
import dev.berth.oci.Reference;
import dev.berth.oci.RepositoryName;
import java.io.IOException;
import java.util.Optional;

/**
 * A repository of a registry. Each blob: {@code HEAD} first (skip what is there), then a cross-repository mount
 * when a repository of the same registry is known to have it, then an upload ({@link BlobUpload}). The root is
 * put under the reference's tag, or by digest.
 */
public final class RegistryTarget implements ImageTarget {
    private final RegistryClient client;
    private final ImageReference reference;
    private final RepositoryName mountFrom;
    private final long chunkSize;

    /** @param mountFrom a repository of the same registry that may hold the blobs; null for none */
    public RegistryTarget(RegistryClient client, ImageReference reference, RepositoryName mountFrom, long chunkSize) {
        this.client = client;
        this.reference = reference;
        this.mountFrom = mountFrom != null && !mountFrom.equals(reference.repository()) ? mountFrom : null;
        this.chunkSize = chunkSize;
    }

    @Override
    public BlobOutcome putBlob(Descriptor descriptor, BlobContent content, TransferListener listener) {
        RepositoryName repository = reference.repository();
        if (client.blobSize(repository, descriptor.digest()).isPresent()) {
            listener.blobDone(descriptor, BlobOutcome.SKIPPED, null);
            return BlobOutcome.SKIPPED;
        }
        Upload session = null;
        if (mountFrom != null) {
            Optional<Upload> instead = client.mount(repository, descriptor.digest(), mountFrom);
            if (instead.isEmpty()) {
                listener.blobDone(descriptor, BlobOutcome.MOUNTED, mountFrom.toString());
                return BlobOutcome.MOUNTED;
            }
            session = instead.get();
        }
        new BlobUpload(client, repository, descriptor, content, chunkSize, listener).run(session);
        listener.blobDone(descriptor, BlobOutcome.TRANSFERRED, null);
        return BlobOutcome.TRANSFERRED;
    }

    @Override
    public void putManifest(ManifestContent manifest) {
        client.putManifest(reference.repository(), manifest.digest(), manifest);
    }

    @Override
    public String finish(Descriptor root, ManifestContent manifest) {
        if (reference.digest() != null && !reference.digest().equals(manifest.digest())) {
            throw new RegistryException(RegistryException.Kind.INVALID, 0, "the image's digest is "
                    + manifest.digest() + ", not " + reference.digest() + " as the destination says");
        }
        Reference name = reference.tag() != null ? reference.tag() : manifest.digest();
        client.putManifest(reference.repository(), name, manifest);
        return reference.registry() + "/" + reference.repository()
                + (reference.tag() != null ? ":" + reference.tag() : "") + "@" + manifest.digest();
    }

    @Override
    public String verb() {
        return "pushed";
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
