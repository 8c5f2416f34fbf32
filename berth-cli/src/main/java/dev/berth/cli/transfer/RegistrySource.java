package dev.berth.cli.transfer;

import dev.berth.cli.image.Descriptor;
import dev.berth.cli.image.ManifestContent;
import dev.berth.cli.registry.ImageReference;
import dev.berth.cli.registry.RegistryClient;

/** An image in a registry, by tag or digest. The root manifest is fetched once. */
public final class RegistrySource implements ImageSource {
    private final RegistryClient client;
    private final ImageReference reference;
    private ManifestContent root;

    public RegistrySource(RegistryClient client, ImageReference reference) {
        this.client = client;
        this.reference = reference;
    }

    public ImageReference reference() {
        return reference;
    }

    @Override
    public synchronized Descriptor root() {
        if (root == null) {
            root = client.manifest(reference.repository(), reference.reference());
        }
        Descriptor d = Descriptor.of(root.mediaType(), root.digest(), root.bytes().length);
        return reference.tag() == null ? d : d.withRefName(reference.tag().value());
    }

    @Override
    public ManifestContent manifest(Descriptor descriptor) {
        synchronized (this) {
            if (root != null && root.digest().equals(descriptor.digest())) {
                return root;
            }
        }
        return client.manifest(reference.repository(), descriptor.digest());
    }

    @Override
    public BlobContent blob(Descriptor descriptor) {
        return offset -> client.openBlob(reference.repository(), descriptor.digest(), offset);
    }


    @Override
    public void close() {
        client.close();
    }
}
