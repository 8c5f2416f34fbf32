package dev.berth.scan.sbom;

import dev.berth.oci.Digest;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;

import java.util.Objects;
import java.util.Optional;

/**
 * The image an SBOM describes: where it lives in the registry and its manifest digest.
 *
 * @param repository the repository it was pushed to
 * @param tag        the tag it was pushed under, when it was pushed by tag
 * @param digest     the digest of the image manifest (for an index: of the platform's manifest)
 */
public record SbomSubject(RepositoryName repository, Optional<Tag> tag, Digest digest) {
    public SbomSubject {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(digest, "digest");
    }
}
