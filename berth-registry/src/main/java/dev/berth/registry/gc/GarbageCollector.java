package dev.berth.registry.gc;

import dev.berth.metadata.AuditEvent;
import dev.berth.metadata.AuditLog;
import dev.berth.metadata.LinkRemoval;
import dev.berth.metadata.MetadataStore;
import dev.berth.metadata.UploadRecord;
import dev.berth.oci.Digest;
import dev.berth.storage.BlobStore;
import dev.berth.storage.StoredBlob;
import dev.berth.storage.StoredUpload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Online garbage collection: reclaims storage while the registry keeps serving pushes and pulls. One
 * {@link #collect} pass, in order:
 * <ol>
 *   <li>discards upload sessions idle for longer than the upload expiry, and metadata rows of sessions the store
 *       no longer has;</li>
 *   <li>purges holds left by pushes that crashed;</li>
 *   <li>removes blob links older than the grace period that no manifest of their repository references;</li>
 *   <li>walks every stored blob last written before the grace period, asks the metadata store which of them
 *       nothing references ({@link MetadataStore#unreferencedBlobs}, the one definition of a reference), and
 *       deletes those with {@link BlobStore#deleteIfNotWrittenSince}, so a blob put again after the listing is
 *       kept.</li>
 * </ol>
 * Why this never races a push is argued in docs/gc.md. Every step is idempotent and safe to run on several
 * threads or nodes at once; the job store runs one collection at a time anyway. Memory stays bounded: blobs are
 * judged in batches of {@value #BATCH} from a lazy listing.
 */
public final class GarbageCollector {
    private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);
    /** Who the audit trail says acted. */
    public static final String ACTOR = "berth:gc";
    public static final String AUDIT_ACTION = "gc:Collect";
    static final int BATCH = 1000;
    static final int DELETE_CONCURRENCY = 8;
    /** Upload rows looked at per pass (sessions are few; a larger backlog is finished by the next pass). */
    private static final int UPLOAD_ROWS_PER_PASS = 10_000;

    private final BlobStore blobs;
    private final MetadataStore metadata;
    private final AuditLog audit;
    private final GcSettings settings;
    private final Clock clock;

    public GarbageCollector(BlobStore blobs, MetadataStore metadata, AuditLog audit, GcSettings settings,
                            Clock clock) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public GcSettings settings() {
        return settings;
    }

    /**
     * Runs one pass, logs and audits its figures, and returns them.
     *
     * @throws UncheckedIOException if the blob store fails; what was deleted until then stays deleted
     */
    public GcReport collect() {
        Instant start = clock.instant();
        Counts counts = new Counts();
        try {
            expireUploads(start.minus(settings.uploadExpiry()), counts);
            counts.holdsPurged = metadata.purgeHolds(start.minus(settings.holdLifetime()));
            Instant graceCutoff = start.minus(settings.grace());
            removeUnneededLinks(graceCutoff, counts);
            // The conditional deletes of a batch run DELETE_CONCURRENCY at once, on platform threads: an unlink
            // blocks its thread in the kernel, and virtual threads would all wait on the few carriers.
            try (ExecutorService deleters = Executors.newFixedThreadPool(DELETE_CONCURRENCY,
                    Thread.ofPlatform().daemon().name("berth-gc-delete-", 0).factory())) {
                sweep(graceCutoff, counts, deleters);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GcReport report = new GcReport(start, clock.instant(), counts.blobsDeleted, counts.bytesFreed,
                counts.linksRemoved, counts.uploadsExpired, counts.uploadBytesFreed, counts.holdsPurged,
                counts.blobsKept);
        LOG.info("garbage collection: deleted {} blobs ({} bytes), removed {} unneeded links, expired {} uploads"
                        + " ({} bytes), purged {} stale holds, kept {} old referenced blobs, in {} ms",
                report.blobsDeleted(), report.bytesFreed(), report.linksRemoved(), report.uploadsExpired(),
                report.uploadBytesFreed(), report.holdsPurged(), report.blobsKept(), report.duration().toMillis());
        audit.record(AuditEvent.of(report.finishedAt(), ACTOR, AUDIT_ACTION, null, null, report.toJson()));
        return report;
    }

    private void expireUploads(Instant idleBefore, Counts counts) throws IOException {
        Set<String> live = new HashSet<>();
        try (Stream<StoredUpload> sessions = blobs.uploads()) {
            for (Iterator<StoredUpload> it = sessions.iterator(); it.hasNext(); ) {
                StoredUpload session = it.next();
                if (session.lastActivity().isBefore(idleBefore) && blobs.abortUploadIfIdle(session.id(), idleBefore)) {
                    metadata.deleteUpload(session.id());
                    counts.uploadsExpired++;
                    counts.uploadBytesFreed += session.size();
                } else {
                    live.add(session.id());
                }
            }
        }
        // Rows whose session is gone (a crash between the store and the metadata, or a session expired above
        // whose row delete failed). A row is written after its session, so an old row is never for a session
        // created after the listing.
        for (UploadRecord row : metadata.uploadsStartedBefore(idleBefore, UPLOAD_ROWS_PER_PASS)) {
            if (!live.contains(row.id()) && metadata.deleteUpload(row.id())) {
                counts.uploadsExpired++;
            }
        }
    }

    private void removeUnneededLinks(Instant linkedBefore, Counts counts) {
        Optional<String> cursor = Optional.empty();
        do {
            LinkRemoval step = metadata.removeUnneededLinks(linkedBefore, cursor.orElse(null), BATCH);
            counts.linksRemoved += step.removed().size();
            cursor = step.next();
        } while (cursor.isPresent());
    }

    private void sweep(Instant writtenBefore, Counts counts, ExecutorService deleters) throws IOException {
        List<StoredBlob> batch = new ArrayList<>(BATCH);
        try (Stream<StoredBlob> stored = blobs.blobs()) {
            for (Iterator<StoredBlob> it = stored.iterator(); it.hasNext(); ) {
                StoredBlob blob = it.next();
                if (!blob.lastWritten().isBefore(writtenBefore)) {
                    continue; // within the grace period
                }
                batch.add(blob);
                if (batch.size() == BATCH) {
                    deleteUnreferenced(batch, counts, deleters);
                    batch.clear();
                }
            }
        }
        deleteUnreferenced(batch, counts, deleters);
    }

    /**
     * Deletes the batch's unreferenced blobs, {@value #DELETE_CONCURRENCY} at a time: unlinking a file whose blocks
     * are on disk waits on the file system's journal (about 1.4 ms each, one at a time, on the benchmark machine),
     * and concurrent unlinks share its commits (about ten times the throughput).
     */
    private void deleteUnreferenced(List<StoredBlob> batch, Counts counts, ExecutorService deleters)
            throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        Set<Digest> unreferenced = metadata.unreferencedBlobs(batch.stream().map(StoredBlob::digest).toList());
        List<StoredBlob> doomed = batch.stream().filter(b -> unreferenced.contains(b.digest())).toList();
        counts.blobsKept += batch.size() - doomed.size();
        List<Future<Boolean>> deletions = new ArrayList<>(doomed.size());
        for (StoredBlob blob : doomed) {
            deletions.add(deleters.submit(() -> blobs.deleteIfNotWrittenSince(blob.digest(), blob.lastWritten())));
        }
        IOException failure = null;
        for (int i = 0; i < doomed.size(); i++) {
            try {
                if (deletions.get(i).get()) {
                    counts.blobsDeleted++;
                    counts.bytesFreed += doomed.get(i).size();
                } else {
                    counts.blobsKept++;
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    failure = io; // finish the batch's other deletions first
                } else {
                    throw new IllegalStateException("deleting " + doomed.get(i).digest() + " failed", e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while deleting blobs", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Running totals of one pass (confined to its thread). */
    private static final class Counts {
        long blobsDeleted;
        long bytesFreed;
        long linksRemoved;
        long uploadsExpired;
        long uploadBytesFreed;
        long holdsPurged;
        long blobsKept;
    }
}
