package dev.berth.registry;

import dev.berth.metadata.ImmutableTagException;
import dev.berth.metadata.ManifestRecord;
import dev.berth.metadata.MetadataStore;
import dev.berth.oci.Descriptor;
import dev.berth.oci.Digest;
import dev.berth.oci.DigestAlgorithm;
import dev.berth.oci.InvalidManifestException;
import dev.berth.oci.Manifest;
import dev.berth.oci.ManifestParser;
import dev.berth.oci.Reference;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;
import dev.berth.storage.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of manifests: stored byte-for-byte as received, under the digest of those bytes; accepted only when
 * every blob they reference is in the repository and every child of an index is stored there; tags point at
 * them; referrers are found through {@code subject}. Thread-safe.
 */
public final class ManifestService {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ManifestService.class);
    private final BlobStore blobs;
    private final MetadataStore metadata;
    private final RepositoryGate gate;
    private final Clock clock;
    private final PullListener pulls;
    private volatile PushListener pushes = PushListener.NONE;
    private volatile PullGuard guard = PullGuard.NONE;

    public ManifestService(BlobStore blobs, MetadataStore metadata, RepositoryGate gate, Clock clock) {
        this(blobs, metadata, gate, clock, PullListener.NONE);
    }

    /** @param pulls told of every manifest {@link #get} serves */
    public ManifestService(BlobStore blobs, MetadataStore metadata, RepositoryGate gate, Clock clock,
                           PullListener pulls) {
        this.blobs = blobs;
        this.metadata = metadata;
        this.gate = gate;
        this.clock = clock;
        this.pulls = pulls;
    }

    /**
     * Installs the listener told of every push and the guard of every pull (set once, by the server's wiring,
     * before requests are served: they are services built on top of this one).
     */
    public void hooks(PushListener pushListener, PullGuard pullGuard) {
        this.pushes = java.util.Objects.requireNonNull(pushListener, "pushListener");
        this.guard = java.util.Objects.requireNonNull(pullGuard, "pullGuard");
    }

    /**
     * Stores a manifest pushed under a tag or digest; returns what was stored. A tag is moved only if the
     * repository's tag mutability allows it: overwriting an immutable tag, even with the digest it already names,
     * is refused with TAG_IMMUTABLE and stores nothing (decided in the metadata transaction that writes the tag, so
     * of concurrent pushes of one new immutable tag exactly one succeeds). Pushing by digest is never refused for
     * mutability.
     */
    public ManifestRecord put(RepositoryName repository, Reference reference, byte[] bytes, String contentType) {
        gate.checkPush(repository);
        Digest digest = digestOf(reference, bytes);
        Manifest manifest;
        try {
            manifest = ManifestParser.parse(bytes, contentType);
        } catch (InvalidManifestException e) {
            throw new RegistryException(RegistryError.MANIFEST_INVALID, e.getMessage());
        }
        List<Digest> blobDigests = requiredBlobs(manifest);
        List<Digest> children = manifest.children().stream().map(Descriptor::digest).toList();
        requirePresent(metadata.missingBlobs(repository, blobDigests));
        requirePresent(metadata.missingManifests(repository, children));
        try {
            blobs.put(digest, new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ManifestRecord record = new ManifestRecord(repository, digest, manifest.mediaType(), bytes.length,
                clock.instant(), manifest.subject().map(Descriptor::digest).orElse(null),
                manifest.effectiveArtifactType().orElse(null), manifest.annotations());
        try {
            metadata.putManifest(record, blobDigests, children, reference instanceof Tag tag ? tag : null);
        } catch (ImmutableTagException e) {
            // ECR's wording, which tools match on (e.g. kaniko's --push-ignore-immutable-tag-errors).
            throw new RegistryException(RegistryError.TAG_IMMUTABLE, "The image tag '" + e.tag()
                    + "' already exists in the '" + repository + "' repository and cannot be overwritten because"
                    + " the tag is immutable.", e.tag().value());
        }
        try {
            pushes.pushed(record, reference instanceof Tag tag ? Optional.of(tag) : Optional.empty());
        } catch (RuntimeException e) {
            LOG.warn("after the push of {}@{}: {}", repository, digest, e.toString());
        }
        return record;
    }

    /** The manifest's facts without its bytes (HEAD). */
    public ManifestRecord describe(RepositoryName repository, Reference reference) {
        Optional<ManifestRecord> found = switch (reference) {
            case Tag tag -> metadata.resolveTag(repository, tag);
            case Digest digest -> metadata.findManifest(repository, digest);
        };
        return found.orElseThrow(() -> manifestUnknown(reference));
    }

    /** The manifest's facts for a HEAD request: a pull, so the {@link PullGuard} decides whether to answer. */
    public ManifestRecord head(RepositoryName repository, Reference reference) {
        ManifestRecord record = describe(repository, reference);
        guard.checkManifest(record);
        return record;
    }

    /**
     * The manifest and its bytes: a pull, which the {@link PullGuard} may refuse and the {@link PullListener} is
     * told of.
     */
    public StoredManifest get(RepositoryName repository, Reference reference) {
        ManifestRecord record = describe(repository, reference);
        guard.checkManifest(record);
        try (var reader = blobs.open(record.digest())) {
            // Manifests are at most 4 MiB (checked on push), so reading one whole is bounded.
            ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(reader.size()));
            reader.transferTo(0, reader.size(), bytes::put);
            pulls.pulled(repository, record.digest(), clock.instant());
            return new StoredManifest(record, bytes.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a tag (the manifest stays) or, by digest, the manifest and every tag pointing at it. */
    public void delete(RepositoryName repository, Reference reference) {
        boolean deleted = switch (reference) {
            case Tag tag -> metadata.deleteTag(repository, tag);
            case Digest digest -> metadata.deleteManifest(repository, digest);
        };
        if (!deleted) {
            throw manifestUnknown(reference);
        }
    }

    /** Tags in lexical order after {@code last}; NAME_UNKNOWN for a repository that does not exist. */
    public Page<Tag> tags(RepositoryName repository, Tag last, int limit) {
        if (!metadata.repositoryExists(repository)) {
            throw new RegistryException(RegistryError.NAME_UNKNOWN, "repository name not known to registry",
                    repository.value());
        }
        return page(metadata.listTags(repository, last, plusOne(limit)), limit);
    }

    public Page<RepositoryName> catalog(RepositoryName last, int limit) {
        return page(metadata.listRepositories(last, plusOne(limit)), limit);
    }

    /** Manifests in the repository whose subject is {@code subject}, optionally of one artifact type. */
    public List<ManifestRecord> referrers(RepositoryName repository, Digest subject, String artifactType) {
        return metadata.referrers(repository, subject, artifactType);
    }

    private static Digest digestOf(Reference reference, byte[] bytes) {
        if (reference instanceof Digest expected) {
            Digest actual = Digest.compute(expected.algorithm(), bytes);
            if (!actual.equals(expected)) {
                throw new RegistryException(RegistryError.DIGEST_INVALID,
                        "manifest digest " + actual + " does not match " + expected, expected.toString());
            }
            return expected;
        }
        return Digest.compute(DigestAlgorithm.SHA256, bytes);
    }

    /** Config and layers, less the ones a registry never holds (foreign / non-distributable layers). */
    private static List<Digest> requiredBlobs(Manifest manifest) {
        List<Digest> out = new ArrayList<>();
        for (Descriptor d : manifest.blobs()) {
            if (!d.mediaType().contains("foreign") && !d.mediaType().contains("nondistributable")) {
                out.add(d.digest());
            }
        }
        return out;
    }

    private static void requirePresent(Set<Digest> missing) {
        if (!missing.isEmpty()) {
            String first = missing.iterator().next().toString();
            throw new RegistryException(RegistryError.MANIFEST_BLOB_UNKNOWN,
                    "manifest references " + missing.size() + " unknown blob(s) or manifest(s), e.g. " + first,
                    missing.stream().map(Digest::toString).sorted().toList());
        }
    }

    private static int plusOne(int limit) {
        return limit == Integer.MAX_VALUE ? limit : limit + 1;
    }

    private static <T> Page<T> page(List<T> fetched, int limit) {
        return fetched.size() > limit ? new Page<>(fetched.subList(0, limit), true) : new Page<>(fetched, false);
    }

    private static RegistryException manifestUnknown(Reference reference) {
        return new RegistryException(RegistryError.MANIFEST_UNKNOWN, "manifest unknown to registry",
                reference.toString());
    }
}
