package dev.berth.metadata;

import dev.berth.oci.RepositoryName;
import dev.berth.oci.TagMutability;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Repositories as ECR manages them: created explicitly with settings, described, reconfigured, tagged and deleted.
 * A view of the same database as the {@link MetadataStore} it comes from (a repository created here is the one
 * manifests are pushed into; one created by a push has {@link RepositorySettings#defaults default settings}), and
 * open exactly as long as that store.
 *
 * <p>Contract, checked by {@code RepositorySettingsStoreContract}: each method is one transaction, durable when it
 * returns; thread-safe; lists are in byte order of names and start strictly after the {@code after} cursor.
 * Methods on a repository that does not exist return an empty result (or false) and change nothing. The store
 * does not apply the tag mutability: {@link MetadataStore#putManifest} does, inside its own transaction.
 */
public interface RepositorySettingsStore {

    /**
     * Creates a repository with these settings and resource tags (a key given twice keeps its last value).
     *
     * @throws RepositoryAlreadyExistsException if a repository of that name exists (however it was created)
     * @throws TooManyResourceTagsException if more than {@value ResourceTag#MAX_PER_RESOURCE} distinct keys
     */
    void create(RepositorySettings settings, Collection<ResourceTag> resourceTags);

    Optional<RepositorySettings> find(RepositoryName name);

    /** The settings of those of {@code names} that exist, in name order; absent ones are left out. */
    List<RepositorySettings> find(Collection<RepositoryName> names);

    /** Up to {@code limit} repositories after {@code after} (exclusive; null = from the start), in name order. */
    List<RepositorySettings> list(RepositoryName after, int limit);

    /** Replaces the tag mutability and its filters; returns the settings as they now are. */
    Optional<RepositorySettings> updateTagMutability(RepositoryName name, TagMutability mutability);

    /** Sets the scan-on-push flag; returns the settings as they now are. */
    Optional<RepositorySettings> updateScanOnPush(RepositoryName name, boolean scanOnPush);

    /** The repository's resource tags in byte order of their keys; empty when the repository does not exist. */
    Optional<List<ResourceTag>> resourceTags(RepositoryName name);

    /**
     * Adds tags, replacing the value of keys that exist; false when the repository does not exist.
     *
     * @throws TooManyResourceTagsException if the repository would then have more than
     *         {@value ResourceTag#MAX_PER_RESOURCE} (nothing is changed)
     */
    boolean putResourceTags(RepositoryName name, Collection<ResourceTag> tags);

    /** Removes the tags with these keys (unknown keys are ignored); false when the repository does not exist. */
    boolean removeResourceTags(RepositoryName name, Collection<String> keys);

    /**
     * Deletes the repository with its settings and resource tags. A repository that holds manifests is deleted only
     * with {@code force}, and then with everything in it: manifests, tags, blob links and upload sessions. Blob
     * bytes stay in the blob store (garbage collection reclaims the unreferenced ones).
     *
     * @return what was deleted; empty when the repository does not exist
     * @throws RepositoryNotEmptyException without {@code force}, if the repository holds any manifest
     */
    Optional<DeletedRepository> delete(RepositoryName name, boolean force);
}
