package dev.berth.registry.scan;

import dev.berth.metadata.ImageScan;
import dev.berth.metadata.ManifestRecord;
import dev.berth.metadata.MetadataStore;
import dev.berth.metadata.ScanState;
import dev.berth.metadata.ScanStore;
import dev.berth.oci.Descriptor;
import dev.berth.oci.Digest;
import dev.berth.oci.Manifest;
import dev.berth.oci.ManifestParser;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;
import dev.berth.registry.RegistryException;
import dev.berth.registry.RepositoryService;
import dev.berth.scan.Inventory;
import dev.berth.scan.OsRelease;
import dev.berth.scan.Package;
import dev.berth.storage.BlobReader;
import dev.berth.storage.BlobStore;
import dev.berth.vulndb.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of scanning: which configuration applies to a repository, when a scan is queued (scan on push,
 * StartImageScan with ECR's daily quota), how a queued scan runs (layers streamed from the blob store through the
 * {@link InventoryScanner}; an index per platform), what is kept (the inventory, so a new vulnerability database
 * revision re-matches without reading layers), and the SBOM pushed beside every scanned image. Scans run as leased
 * jobs of kind {@value #JOB_KIND} on subject {@code repository@digest}; re-matching as the recurring kind
 * {@value #REMATCH_JOB_KIND}. Thread-safe.
 */
public final class ScanService {
    public static final String JOB_KIND = "scan";
    public static final String REMATCH_JOB_KIND = "scan-rematch";
    /** ECR's quota for basic scans: one per image per day, scan on push included. */
    static final Duration SCAN_QUOTA = Duration.ofHours(24);
    static final String QUEUED = "The scan is queued.";
    private static final Logger LOG = LoggerFactory.getLogger(ScanService.class);
    private static final String ATTESTATION = "vnd.docker.reference.type";

    private final ScanStore store;
    private final MetadataStore metadata;
    private final RepositoryService repositories;
    private final BlobStore blobs;
    private final InventoryScanner scanner;
    private final VulnerabilityMatcher matcher;
    private final SbomPublisher sboms;
    private final BiConsumer<String, Optional<String>> queue;
    private final String registryId;
    private final Clock clock;

    /**
     * @param queue submits a scan job: (subject, payload JSON); the wiring hands it to the job runner
     */
    public ScanService(ScanStore store, MetadataStore metadata, RepositoryService repositories, BlobStore blobs,
                       InventoryScanner scanner, VulnerabilityMatcher matcher, SbomPublisher sboms,
                       BiConsumer<String, Optional<String>> queue, String registryId, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.repositories = Objects.requireNonNull(repositories, "repositories");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.scanner = Objects.requireNonNull(scanner, "scanner");
        this.matcher = Objects.requireNonNull(matcher, "matcher");
        this.sboms = Objects.requireNonNull(sboms, "sboms");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.registryId = Objects.requireNonNull(registryId, "registryId");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    // ---- configuration

    public RegistryScanningConfiguration configuration() {
        return store.registryScanningConfiguration(registryId).map(RegistryScanningConfiguration::parseStored)
                .orElse(RegistryScanningConfiguration.DEFAULT);
    }

    public void putConfiguration(RegistryScanningConfiguration configuration) {
        store.putRegistryScanningConfiguration(registryId, configuration.toJson().toString(), clock.instant());
    }

    /** What applies to the repository (NAME_UNKNOWN when it does not exist). */
    public RepositoryScanning scanningOf(RepositoryName repository) {
        return configuration().applyTo(repository, repositories.describe(repository).scanOnPush());
    }

    // ---- asking for scans

    /** Scan on push: queues a scan of a newly pushed image when the repository scans on push. */
    public void pushed(ManifestRecord record, Optional<Tag> tag) {
        if (!Scannable.isImage(record) || store.find(record.repository(), record.digest()).isPresent()) {
            return;
        }
        if (scanningOf(record.repository()).scanOnPush()) {
            request(record.repository(), record.digest(), tag);
        }
    }

    /**
     * StartImageScan: queues a scan and returns the scan as it now stands (IN_PROGRESS).
     *
     * @throws ScanRequestException for a missing image, an artifact, or a scan asked for less than a day ago
     */
    public ImageScan start(RepositoryName repository, Digest digest) {
        ManifestRecord record = metadata.findManifest(repository, digest).orElseThrow(() ->
                new ScanRequestException(ScanRequestException.Reason.IMAGE_NOT_FOUND, "image not found"));
        if (!Scannable.isImage(record)) {
            throw new ScanRequestException(ScanRequestException.Reason.UNSUPPORTED_IMAGE_TYPE,
                    "The image of type " + record.effectiveArtifactType().orElse(record.mediaType())
                            + " is not supported for scanning.");
        }
        Optional<ImageScan> last = store.find(repository, digest);
        if (last.isPresent() && last.get().requestedAt().isAfter(clock.instant().minus(SCAN_QUOTA))) {
            throw new ScanRequestException(ScanRequestException.Reason.LIMIT_EXCEEDED,
                    "The scan quota per image has been exceeded. Wait and try again.");
        }
        request(repository, digest, Optional.empty());
        return store.find(repository, digest).orElseThrow(() ->
                new ScanRequestException(ScanRequestException.Reason.IMAGE_NOT_FOUND, "image not found"));
    }

    private void request(RepositoryName repository, Digest digest, Optional<Tag> tag) {
        if (store.beginScan(repository, digest, QUEUED, clock.instant())) {
            queue.accept(subject(repository, digest), tag.map(t -> "{\"tag\":\"" + t.value() + "\"}"));
        }
    }

    static String subject(RepositoryName repository, Digest digest) {
        return repository + "@" + digest;
    }

    // ---- running scans

    /**
     * Runs the scan job of {@code subject}: nothing when the image is gone. A scan that cannot read the image ends
     * FAILED or UNSUPPORTED_IMAGE; an unexpected failure propagates (the job is retried) unless {@code lastAttempt},
     * when the scan ends FAILED.
     */
    public void run(String subject, Optional<String> payload, boolean lastAttempt) {
        int at = subject.lastIndexOf('@');
        RepositoryName repository = RepositoryName.parse(subject.substring(0, at));
        Digest digest = Digest.parse(subject.substring(at + 1));
        Optional<ManifestRecord> record = metadata.findManifest(repository, digest);
        if (record.isEmpty()) {
            return;
        }
        Optional<Tag> tag = payload.flatMap(ScanService::tag);
        try {
            if (dev.berth.oci.MediaTypes.isIndex(record.get().mediaType())) {
                scanIndex(record.get(), tag);
            } else {
                scanImage(record.get(), tag);
            }
        } catch (RuntimeException e) {
            if (!lastAttempt) {
                throw e;
            }
            LOG.warn("scan of {} failed for good: {}", subject, e.toString());
            store.endScan(repository, digest, ScanState.FAILED, "The scan failed: " + e.getMessage(),
                    clock.instant());
        }
    }

    private static Optional<Tag> tag(String payload) {
        int start = payload.indexOf("\"tag\":\"");
        if (start < 0) {
            return Optional.empty();
        }
        String value = payload.substring(start + 7, payload.indexOf('"', start + 7));
        try {
            return Optional.of(Tag.parse(value));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Scans one image manifest; returns its scan as it ended. */
    private ImageScan scanImage(ManifestRecord record, Optional<Tag> tag) {
        RepositoryName repository = record.repository();
        Manifest manifest = parse(record);
        List<ImageLayer> layers = new ArrayList<>();
        for (Descriptor layer : manifest.layers()) {
            Digest digest = layer.digest();
            layers.add(new ImageLayer(layer.mediaType(), digest, () -> new BlobInputStream(blobs.open(digest))));
        }
        Inventory inventory;
        try {
            inventory = scanner.scan(layers);
        } catch (UnscannableImageException e) {
            store.endScan(repository, record.digest(), e.unsupported() ? ScanState.UNSUPPORTED_IMAGE
                    : ScanState.FAILED, e.getMessage(), clock.instant());
            return store.find(repository, record.digest()).orElseThrow();
        }
        sboms.publish(repository, record, tag, inventory);
        complete(record, inventory);
        return store.find(repository, record.digest()).orElseThrow();
    }

    /**
     * Scans an index per platform: each image it lists (attestations and other artifacts left out) is scanned as an
     * image of its own, with its own SBOM and findings, unless it already has a finished scan. The index's own
     * result is its images' together: COMPLETE with the union of their packages (so its findings are the union of
     * theirs) when all of them completed, else the first image's FAILED or UNSUPPORTED_IMAGE state.
     */
    private void scanIndex(ManifestRecord index, Optional<Tag> tag) {
        RepositoryName repository = index.repository();
        List<ImageScan> platforms = new ArrayList<>();
        for (Descriptor child : parse(index).children()) {
            if (child.annotations().containsKey(ATTESTATION)) {
                continue;
            }
            Optional<ManifestRecord> record = metadata.findManifest(repository, child.digest());
            if (record.isEmpty() || !Scannable.isImage(record.get())
                    || !dev.berth.oci.MediaTypes.isImageManifest(record.get().mediaType())) {
                continue;
            }
            Optional<ImageScan> existing = store.find(repository, child.digest());
            if (existing.isPresent() && existing.get().state() != ScanState.IN_PROGRESS) {
                platforms.add(existing.get());
                continue;
            }
            store.beginScan(repository, child.digest(), QUEUED, clock.instant());
            platforms.add(scanImage(record.get(), tag));
        }
        Instant now = clock.instant();
        if (platforms.isEmpty()) {
            store.endScan(repository, index.digest(), ScanState.UNSUPPORTED_IMAGE,
                    "The index lists no image that can be scanned.", now);
            return;
        }
        Optional<OsRelease> os = Optional.empty();
        LinkedHashSet<Package> packages = new LinkedHashSet<>();
        for (ImageScan platform : platforms) {
            if (platform.state() != ScanState.COMPLETE) {
                store.endScan(repository, index.digest(), platform.state(), "Platform image " + platform.digest()
                        + ": " + platform.description(), now);
                return;
            }
            Inventory inventory = ScanCodec.inventory(platform.inventory().orElseThrow());
            os = os.or(inventory::os);
            packages.addAll(inventory.packages());
        }
        complete(index, new Inventory(os, List.copyOf(packages)));
    }

    private void complete(ManifestRecord record, Inventory inventory) {
        VulnerabilityMatcher.Revision revision = matcher.revision();
        List<Finding> findings = matcher.match(inventory);
        store.completeScan(record.repository(), record.digest(), ScanCodec.inventory(inventory),
                ScanCodec.findings(findings), revision.number(), revision.importedAt(), clock.instant());
    }

    private Manifest parse(ManifestRecord record) {
        try (BlobReader reader = blobs.open(record.digest())) {
            // Manifests are at most 4 MiB (checked on push), so reading one whole is bounded.
            ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(reader.size()));
            reader.transferTo(0, reader.size(), bytes::put);
            return ManifestParser.parse(bytes.array(), record.mediaType());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- results

    /**
     * The image's latest scan with findings at the database's current revision: when the stored findings are of an
     * older revision they are matched again from the kept inventory (no layer is read) and stored.
     */
    public Optional<ScanReport> report(RepositoryName repository, Digest digest) {
        return store.find(repository, digest).map(scan -> report(scan, matcher.revision()));
    }

    /** {@link #report} for many images of one repository (one read, plus re-matching of those behind). */
    public List<ScanReport> reports(RepositoryName repository, List<Digest> digests) {
        if (digests.isEmpty()) {
            return List.of();
        }
        VulnerabilityMatcher.Revision revision = matcher.revision();
        return store.find(repository, digests).stream().map(scan -> report(scan, revision)).toList();
    }

    private ScanReport report(ImageScan scan, VulnerabilityMatcher.Revision revision) {
        if (scan.state() != ScanState.COMPLETE || scan.inventory().isEmpty()) {
            return new ScanReport(scan, List.of());
        }
        if (scan.dbRevision() >= revision.number()) {
            return new ScanReport(scan, scan.findings().map(ScanCodec::findings).orElse(List.of()));
        }
        List<Finding> findings = matcher.match(ScanCodec.inventory(scan.inventory().get()));
        store.rematch(scan.repository(), scan.digest(), scan.completedAt().orElseThrow(),
                ScanCodec.findings(findings), revision.number(), revision.importedAt());
        ImageScan now = new ImageScan(scan.repository(), scan.digest(), scan.state(), scan.description(),
                scan.requestedAt(), scan.completedAt(), scan.inventory(), Optional.empty(), revision.number(),
                revision.importedAt());
        return new ScanReport(now, findings);
    }

    /**
     * The recurring re-match: every completed scan whose findings are of an older database revision is matched
     * again from its inventory — or, in a repository with CONTINUOUS_SCAN, scanned again from its layers. Returns
     * how many images it brought up to date or queued.
     */
    public int rematchBehind() {
        VulnerabilityMatcher.Revision revision = matcher.revision();
        int done = 0;
        for (int round = 0; round < 10_000; round++) {
            List<ImageScan> behind = store.behind(revision.number(), 100);
            if (behind.isEmpty()) {
                break;
            }
            int progressed = 0;
            for (ImageScan scan : behind) {
                if (continuous(scan.repository())) {
                    if (store.beginScan(scan.repository(), scan.digest(), QUEUED, clock.instant())) {
                        queue.accept(subject(scan.repository(), scan.digest()), Optional.empty());
                        progressed++;
                    }
                    continue;
                }
                List<Finding> findings = matcher.match(ScanCodec.inventory(scan.inventory().orElse("{}")));
                if (store.rematch(scan.repository(), scan.digest(), scan.completedAt().orElseThrow(),
                        ScanCodec.findings(findings), revision.number(), revision.importedAt())) {
                    progressed++;
                }
            }
            done += progressed;
            if (progressed == 0) {
                break;
            }
        }
        return done;
    }

    private boolean continuous(RepositoryName repository) {
        try {
            return scanningOf(repository).frequency() == ScanFrequency.CONTINUOUS_SCAN;
        } catch (RegistryException e) {
            return false;   // deleted meanwhile
        }
    }
}
