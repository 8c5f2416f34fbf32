package dev.berth.metadata;

import dev.berth.oci.RepositoryName;

/** Creating a repository that exists already (ECR: {@code RepositoryAlreadyExistsException}). Nothing was changed. */
public class RepositoryAlreadyExistsException extends RuntimeException {
    private final RepositoryName repository;

    public RepositoryAlreadyExistsException(RepositoryName repository) {
        super("repository " + repository + " already exists", null, false, false);
        this.repository = repository;
    }

    public RepositoryName repository() {
        return repository;
    }
}
