package dev.berth.metadata;

import dev.berth.oci.Digest;
import dev.berth.oci.RepositoryName;
import java.util.Objects;

/** A blob linked in a repository (a row of {@code repository_blobs}), with the size recorded when it was linked. */
public record BlobLink(RepositoryName repository, Digest digest, long size) {
    public BlobLink {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(digest, "digest");
    }
}
