package dev.berth.metadata;

import dev.berth.oci.Digest;
import dev.berth.oci.RepositoryName;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Lifecycle execution: runs and their plans, the expiry of images into an archive where they wait out their restore
 * window, restores, and the final deletion once the window has passed. Expired images are moved out of the
 * registry's tables, so no read path sees them; {@link MetadataStore#isBlobReferenced} still counts their blobs and
 * manifest bytes.
 *
 * <p>Contract, checked by {@code LifecycleStoreContract}: each method is one transaction or one consistent read;
 * thread-safe; every expiry, restore and final deletion appends its audit event in the transaction that makes it.
 */
public interface LifecycleStore {
    /** The actor of the audit events a run and the final deletion write. */
    String ACTOR = "berth:lifecycle";

    /** Repositories that have a lifecycle policy, in name order. */
    List<RepositoryName> repositoriesWithPolicy();

    /**
     * Records the run of job {@code jobId} with its plan, and sets the repository policy's last-evaluated time. If
     * that job already has a run (it is being resumed), returns that run unchanged: a plan is made once.
     */
    LifecycleRun startRun(long jobId, RepositoryName repository, String policyText, Instant evaluatedAt,
                          List<PlannedExpiry> plan);

    Optional<LifecycleRun> runOfJob(long jobId);

    Optional<LifecycleRun> run(long runId);

    /**
     * Handles the run's next pending groups, about {@code maxImages} images (a larger group goes whole), one
     * transaction: each group leaves entirely, or, if any member is gone, was re-tagged since the evaluation, or is
     * now the subject or child of an image outside the group, stays entirely and is marked SKIPPED. Returns how
     * many items were handled; 0 when nothing is pending.
     */
    int expireNext(long runId, int maxImages, Instant at, Instant restoreUntil);

    /** Marks the run DONE. */
    void finishRun(long runId, Instant at);

    /** The repository's expired images that can still be restored at {@code now}, in digest order. */
    List<ExpiredImage> expiredImages(RepositoryName repository, Instant now);

    /**
     * Restores an expired image whose window is open at {@code now}, with the referrers and index children that
     * expired with it (same run), and their tags where free; a tag that now names another image keeps it. Empty
     * when there is no such image.
     */
    Optional<RestoreOutcome> restore(RepositoryName repository, Digest digest, Instant now, String actor);

    /** Deletes for good up to {@code limit} expired images whose window closed before {@code now}; returns how many. */
    int purgeExpired(Instant now, int limit);

    /**
     * The bytes deleting {@code expiring} images of the repository would free: the sizes of the blobs (and manifest
     * bytes) they reference that no other manifest in any repository references.
     */
    long reclaimableBytes(RepositoryName repository, Collection<Digest> expiring);
}
