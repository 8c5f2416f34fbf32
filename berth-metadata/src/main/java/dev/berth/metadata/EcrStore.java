package dev.berth.metadata;

import dev.berth.oci.Digest;
import dev.berth.oci.RepositoryName;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What the ECR control plane records besides repository settings: repository and registry policies (as text, exactly
 * as received), repository-creation templates, image listings as ECR reports them, and the usage facts of images.
 * A view of the same database as the {@link MetadataStore} it comes from, open exactly as long as that store.
 *
 * <p>Contract, checked by {@code EcrStoreContract}: each method is one transaction (writes) or one consistent read;
 * thread-safe; a repository's policy goes with the repository. Methods on a repository that does not exist return
 * an empty result (or false) and change nothing. Listings are in byte order and start strictly after their cursor.
 */
public interface EcrStore {

    // ---- resource policies

    Optional<String> repositoryPolicy(RepositoryName repository);

    /** Sets (or replaces) the repository's policy; false when the repository does not exist. */
    boolean putRepositoryPolicy(RepositoryName repository, String policyText, Instant at);

    /** Removes the repository's policy and returns it; empty when there was none (or no repository). */
    Optional<String> deleteRepositoryPolicy(RepositoryName repository);

    Optional<String> registryPolicy(String registryId);

    void putRegistryPolicy(String registryId, String policyText, Instant at);

    /** Removes the registry policy and returns it; empty when there was none. */
    Optional<String> deleteRegistryPolicy(String registryId);

    // ---- images

    /**
     * Up to {@code limit} (digest, tag) entries of the repository, ordered by digest and then tag, an untagged image
     * being one entry without a tag; {@code after} excludes it and everything before it (null = from the start).
     * TAGGED lists only entries with a tag, UNTAGGED only images without tags.
     */
    List<ImageId> listImages(RepositoryName repository, TagStatus status, ImageId after, int limit);

    /** Up to {@code limit} images in digest order after {@code after} (exclusive; null = from the start). */
    List<ImageSummary> describeImages(RepositoryName repository, TagStatus status, Digest after, int limit);

    /** The images with these digests that exist in the repository, in digest order. */
    List<ImageSummary> describeImages(RepositoryName repository, Collection<Digest> digests);

    /**
     * Adds pull tallies to the images' usage facts in one transaction: counts add up, the last pull time only moves
     * forward. Tallies of images that no longer exist are dropped.
     */
    void recordPulls(Collection<PullTally> tallies);

    // ---- lifecycle policies and previews

    Optional<StoredLifecyclePolicy> lifecyclePolicy(RepositoryName repository);

    /**
     * Sets (or replaces) the repository's lifecycle policy text; a replacement keeps the last-evaluated time. False
     * when the repository does not exist.
     */
    boolean putLifecyclePolicy(RepositoryName repository, String policyText, Instant at);

    /** Removes the repository's lifecycle policy and returns it; empty when there was none (or no repository). */
    Optional<StoredLifecyclePolicy> deleteLifecyclePolicy(RepositoryName repository);

    /** Replaces the repository's latest preview; false when the repository does not exist. */
    boolean putLifecyclePreview(RepositoryName repository, LifecyclePreview preview);

    Optional<LifecyclePreview> lifecyclePreview(RepositoryName repository);

    /**
     * Every manifest of the repository with what lifecycle evaluation decides on (tags, push and pull times, the
     * indexes listing it, its subject), in digest order: one consistent read of a fixed number of queries, whatever
     * the number of images. Empty for a repository that does not exist.
     */
    List<LifecycleImage> lifecycleImages(RepositoryName repository);

    // ---- repository-creation templates

    /**
     * @throws TemplateAlreadyExistsException if a template with that prefix exists
     */
    void createTemplate(RepositoryCreationTemplate template);

    /** Replaces a template; false when none has that prefix. */
    boolean updateTemplate(RepositoryCreationTemplate template);

    Optional<RepositoryCreationTemplate> deleteTemplate(String prefix);

    /** Every template, in prefix order. */
    List<RepositoryCreationTemplate> templates();
}
