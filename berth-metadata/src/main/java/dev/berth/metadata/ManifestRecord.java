package dev.berth.metadata;

import dev.berth.oci.Digest;
import dev.berth.oci.RepositoryName;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A manifest as stored in one repository: its facts, not its bytes (those are a blob in the BlobStore).
 *
 * @param subject the digest in the manifest's {@code subject}, or null
 * @param artifactType the effective artifact type (referrers API), or null
 * @param annotations the manifest's annotations, never null
 */
public record ManifestRecord(RepositoryName repository, Digest digest, String mediaType, long size,
                             Instant pushedAt, Digest subject, String artifactType, Map<String, String> annotations) {
    public ManifestRecord {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(pushedAt, "pushedAt");
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public Optional<Digest> subjectDigest() {
        return Optional.ofNullable(subject);
    }

    public Optional<String> effectiveArtifactType() {
        return Optional.ofNullable(artifactType);
    }
}
