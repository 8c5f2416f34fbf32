package dev.berth.registry;

import dev.berth.metadata.MetadataStore;
import dev.berth.oci.RepositoryName;

/**
 * Decides whether a push may go into a repository that does not exist yet (the {@code create-on-push} setting).
 * The repository itself is created by the first write that links something into it.
 */
public final class RepositoryGate {
    private final MetadataStore metadata;
    private final boolean createOnPush;

    public RepositoryGate(MetadataStore metadata, boolean createOnPush) {
        this.metadata = metadata;
        this.createOnPush = createOnPush;
    }

    /** NAME_UNKNOWN when the repository is missing and may not be created by a push. */
    public void checkPush(RepositoryName repository) {
        if (!createOnPush && !metadata.repositoryExists(repository)) {
            throw new RegistryException(RegistryError.NAME_UNKNOWN,
                    "repository " + repository + " does not exist and create-on-push is off", repository.value());
        }
    }
}
