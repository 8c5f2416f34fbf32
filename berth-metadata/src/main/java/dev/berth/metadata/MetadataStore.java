package dev.berth.metadata;

import dev.berth.oci.Digest;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the registry knows besides bytes: repositories, which blobs each repository may serve, manifests, tags,
 * index children, referrers and upload sessions.
 *
 * <p>Contract, checked by {@code MetadataStoreContract} against every implementation: each method is one
 * transaction (all or nothing, durable when it returns); thread-safe; lookups over many digests are one query
 * each, never one per digest. Listing methods return results sorted by their natural order (names, tags in
 * lexical order) and start strictly after the {@code after} cursor when one is given.
 */
public interface MetadataStore extends AutoCloseable {

    // ---- repositories

    boolean repositoryExists(RepositoryName name);

    /** Creates the repository, with default settings, if it does not exist; returns whether it was created. */
    boolean createRepository(RepositoryName name, Instant at);

    /** Up to {@code limit} repository names after {@code after} (exclusive; null = from the start). */
    List<RepositoryName> listRepositories(RepositoryName after, int limit);

    // ---- blob links: a blob is visible in a repository only if it was pushed or mounted there

    /**
     * Links a stored blob into a repository (creating the repository if needed). Idempotent; linking again moves
     * the link's time forward (garbage collection measures a link's age from its last linking).
     */
    void linkBlob(RepositoryName repository, Digest digest, long size, Instant at);

    /** The linked blob's size, if the blob is linked in that repository. */
    Optional<Long> linkedBlobSize(RepositoryName repository, Digest digest);

    /** Removes a link; returns whether it existed. */
    boolean unlinkBlob(RepositoryName repository, Digest digest);

    /** Those of {@code digests} that are not linked in the repository (one query). */
    Set<Digest> missingBlobs(RepositoryName repository, Collection<Digest> digests);

    /**
     * Whether anything references the blob: a link in any repository, a manifest in any repository that lists it
     * as config or layer, a manifest stored under that digest, or a {@linkplain #holdBlob hold}. The same
     * definition as {@link #unreferencedBlobs}.
     */
    boolean isBlobReferenced(Digest digest);

    // ---- manifests and tags

    /**
     * Stores a manifest (if not already stored in that repository) with its blob and child references, and,
     * when {@code tag} is non-null, points the tag at it — all in one transaction. Creates the repository (with
     * default settings) if needed.
     *
     * <p>The repository's tag mutability ({@link RepositorySettings#tagMutability}) is applied in that same
     * transaction: a tag it makes immutable is only ever created, never overwritten, not even with the digest it
     * already names. Of concurrent pushes of one new immutable tag, exactly one succeeds.
     *
     * <p>Does not check that the blobs are linked or the children stored: callers that cannot vouch for that use
     * {@link #putManifestChecked}.
     *
     * @throws ImmutableTagException if the tag exists and is immutable; nothing of the push is stored
     */
    void putManifest(ManifestRecord manifest, Collection<Digest> blobs, Collection<Digest> children, Tag tag);

    /**
     * {@link #putManifest}, but first, inside the same transaction, checks that every blob is linked in the
     * repository and every child is stored there (share-locking those rows on PostgreSQL). So a concurrent link
     * removal ({@link #removeUnneededLinks}) either sees this manifest's references and keeps the links, or removes
     * them first and this push fails: a manifest is never stored with a blob that garbage collection could take.
     * This is what a push uses.
     *
     * @throws MissingReferencesException if a blob is not linked or a child not stored; nothing is stored
     * @throws ImmutableTagException as {@link #putManifest}
     */
    void putManifestChecked(ManifestRecord manifest, Collection<Digest> blobs, Collection<Digest> children, Tag tag);

    Optional<ManifestRecord> findManifest(RepositoryName repository, Digest digest);

    /** The manifest a tag points at. */
    Optional<ManifestRecord> resolveTag(RepositoryName repository, Tag tag);

    /** Those of {@code digests} that are not manifests stored in the repository (one query). */
    Set<Digest> missingManifests(RepositoryName repository, Collection<Digest> digests);

    /** Deletes a manifest, the tags pointing at it and its references; returns whether it existed. */
    boolean deleteManifest(RepositoryName repository, Digest digest);

    /** Deletes a tag only (the manifest stays); returns whether it existed. */
    boolean deleteTag(RepositoryName repository, Tag tag);

    /** Up to {@code limit} tags of the repository in lexical order, after {@code after} (exclusive; null = start). */
    List<Tag> listTags(RepositoryName repository, Tag after, int limit);

    /** Manifests in the repository whose subject is {@code subject}, optionally only of one artifact type. */
    List<ManifestRecord> referrers(RepositoryName repository, Digest subject, String artifactTypeOrNull);

    // ---- garbage collection (docs/gc.md)

    /**
     * Records that a push is about to make the blob's bytes present and link them: until {@linkplain #releaseHold
     * released} (or {@linkplain #purgeHolds purged} as stale) the blob counts as referenced. Returns the hold's id.
     */
    long holdBlob(Digest digest, Instant at);

    /** Ends a hold; releasing one that is gone is harmless. */
    void releaseHold(long holdId);

    /** Removes holds made before {@code before} (left by pushes that crashed); returns how many. */
    int purgeHolds(Instant before);

    /**
     * Those of {@code digests} that nothing references, by the definition of {@link #isBlobReferenced}: the question
     * garbage collection asks before it deletes bytes. Each digest is judged from one consistent read (one query per
     * {@value JdbcMetadataStore#IN_LIST_CHUNK} digests).
     */
    Set<Digest> unreferencedBlobs(Collection<Digest> digests);

    /**
     * Removes blob links made (last linked) before {@code linkedBefore} that no manifest of their repository
     * references, so blobs pushed or mounted but never used become collectable: up to {@code limit} of them, the
     * first found in key order after the cursor {@code after} (null to start at the beginning). Each removal
     * re-checks, in its transaction, that no manifest references the link (see {@link #putManifestChecked}).
     * Walking the cursor to its end visits every link once, however many are still needed.
     */
    LinkRemoval removeUnneededLinks(Instant linkedBefore, String after, int limit);

    // ---- upload sessions

    void createUpload(UploadRecord upload);

    Optional<UploadRecord> findUpload(String id);

    boolean deleteUpload(String id);

    /** Up to {@code limit} upload sessions started before {@code before}, oldest first. */
    List<UploadRecord> uploadsStartedBefore(Instant before, int limit);

    @Override
    void close();
}
