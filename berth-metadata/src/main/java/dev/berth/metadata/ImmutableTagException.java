package dev.berth.metadata;

import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;

/**
 * {@link MetadataStore#putManifest} would have overwritten a tag that the repository's tag mutability makes
 * immutable (even with the digest it already names). Nothing of the push was stored: the store refuses inside the
 * transaction that would have written the tag, so of two concurrent pushes of a new immutable tag exactly one wins.
 */
public class ImmutableTagException extends RuntimeException {
    private final RepositoryName repository;
    private final Tag tag;

    public ImmutableTagException(RepositoryName repository, Tag tag) {
        super("tag " + tag + " already exists in repository " + repository + " and is immutable", null, false, false);
        this.repository = repository;
        this.tag = tag;
    }

    public RepositoryName repository() {
        return repository;
    }

    public Tag tag() {
        return tag;
    }
}
