package dev.berth.metadata;

import dev.berth.oci.Digest;
import dev.berth.oci.RepositoryName;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What scanning records: the registry's scanning configuration, each image's latest scan (state, inventory,
 * findings) and each repository's pull gate. A view of the same database as the {@link MetadataStore} it comes
 * from. Every method is one transaction or one consistent read; thread-safe. A scan belongs to its image: it goes
 * when the manifest is deleted, and methods about an image that does not exist change nothing.
 */
public interface ScanStore {

    // ---- registry scanning configuration

    /** The registry's scanning configuration as stored (JSON); empty when never set. */
    Optional<String> registryScanningConfiguration(String registryId);

    void putRegistryScanningConfiguration(String registryId, String configuration, Instant at);

    // ---- image scans

    /**
     * Marks a scan of the image as asked for: IN_PROGRESS with {@code description}, keeping the previous inventory
     * and findings until the scan replaces them. False when the image does not exist in the repository.
     */
    boolean beginScan(RepositoryName repository, Digest digest, String description, Instant at);

    /**
     * Records a completed scan: its inventory and its findings at {@code dbRevision}. False when the image is gone.
     */
    boolean completeScan(RepositoryName repository, Digest digest, String inventory, String findings,
                         long dbRevision, Optional<Instant> dbUpdatedAt, Instant at);

    /** Records a scan that could not be done (FAILED or UNSUPPORTED_IMAGE) and why. */
    boolean endScan(RepositoryName repository, Digest digest, ScanState state, String description, Instant at);

    /**
     * Replaces a completed scan's findings with ones matched at a newer revision, unless the scan changed since it
     * was read ({@code completedAt} differs) or already holds findings of {@code dbRevision} or newer.
     */
    boolean rematch(RepositoryName repository, Digest digest, Instant completedAt, String findings, long dbRevision,
                    Optional<Instant> dbUpdatedAt);

    Optional<ImageScan> find(RepositoryName repository, Digest digest);

    /** The scans of those images that have one (one query per 500 digests). */
    List<ImageScan> find(RepositoryName repository, Collection<Digest> digests);

    /** Up to {@code limit} completed scans whose findings are of a revision older than {@code revision}. */
    List<ImageScan> behind(long revision, int limit);

    /** Every completed scan of the repositories in {@code repositories} (for continuous rescans), up to limit. */
    List<ImageScan> completed(Collection<RepositoryName> repositories, int limit);

    // ---- pull gates

    Optional<PullGateSettings> pullGate(RepositoryName repository);

    /** Sets (or replaces) the repository's pull gate; false when the repository does not exist. */
    boolean putPullGate(RepositoryName repository, PullGateSettings gate);

    /** Removes the repository's pull gate; false when it had none. */
    boolean deletePullGate(RepositoryName repository);

    /** The images of the repository whose manifests reference this blob (config or layer), in digest order. */
    List<Digest> manifestsReferencing(RepositoryName repository, Digest blob);
}
