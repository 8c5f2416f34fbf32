package dev.berth.registry;

import dev.berth.metadata.MetadataStore;
import dev.berth.oci.RepositoryName;

/**
 * Decides whether a push may go into a repository that does not exist yet (the {@code create-on-push} setting), and
 * creates it then through the {@link OnPushCreation} (a repository-creation template's settings, or defaults). With
 * the default creation the repository is created by the first write that links something into it. Whether the
 * caller may create repositories is the edge's question ({@code ecr:CreateRepository}), asked before this.
 */
public final class RepositoryGate {
    /** Creates a repository a push is about to go into; must tolerate one that a concurrent push just created. */
    @FunctionalInterface
    public interface OnPushCreation {
        OnPushCreation IMPLICIT = name -> { };

        void create(RepositoryName name);
    }

    private final MetadataStore metadata;
    private final boolean createOnPush;
    private final OnPushCreation creation;

    public RepositoryGate(MetadataStore metadata, boolean createOnPush) {
        this(metadata, createOnPush, OnPushCreation.IMPLICIT);
    }

    public RepositoryGate(MetadataStore metadata, boolean createOnPush, OnPushCreation creation) {
        this.metadata = metadata;
        this.createOnPush = createOnPush;
        this.creation = creation;
    }

    /** NAME_UNKNOWN when the repository is missing and may not be created by a push; creates it when it may. */
    public void checkPush(RepositoryName repository) {
        if (metadata.repositoryExists(repository)) {
            return;
        }
        if (!createOnPush) {
            throw new RegistryException(RegistryError.NAME_UNKNOWN,
                    "repository " + repository + " does not exist and create-on-push is off", repository.value());
        }
        creation.create(repository);
    }

    public boolean exists(RepositoryName repository) {
        return metadata.repositoryExists(repository);
    }

    /** Whether a push may create a missing repository at all (the setting; permission aside). */
    public boolean createsOnPush() {
        return createOnPush;
    }
}
