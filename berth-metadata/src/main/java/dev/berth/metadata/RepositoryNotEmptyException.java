package dev.berth.metadata;

import dev.berth.oci.RepositoryName;

/**
 * Deleting, without {@code force}, a repository that still holds manifests (ECR:
 * {@code RepositoryNotEmptyException}). Nothing was changed.
 */
public class RepositoryNotEmptyException extends RuntimeException {
    private final RepositoryName repository;

    public RepositoryNotEmptyException(RepositoryName repository) {
        super("repository " + repository + " still contains images", null, false, false);
        this.repository = repository;
    }

    public RepositoryName repository() {
        return repository;
    }
}
