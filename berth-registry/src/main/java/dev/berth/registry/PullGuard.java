package dev.berth.registry;

import dev.berth.metadata.ManifestRecord;
import dev.berth.oci.Digest;
import dev.berth.oci.RepositoryName;

/**
 * Decides whether content may be served to a puller, on every pull path: manifests by tag or digest (GET and
 * HEAD, both APIs) and blobs (GET, and the pre-signed URLs of GetDownloadUrlForLayer). Refuses by throwing a
 * {@link RegistryException} with {@link RegistryError#DENIED} and the reason. Thread-safe.
 */
public interface PullGuard {
    PullGuard NONE = new PullGuard() {
        @Override
        public void checkManifest(ManifestRecord manifest) {
        }

        @Override
        public void checkBlob(RepositoryName repository, Digest blob) {
        }
    };

    void checkManifest(ManifestRecord manifest);

    void checkBlob(RepositoryName repository, Digest blob);
}
