package dev.berth.registry.scan;

import dev.berth.metadata.ManifestRecord;
import dev.berth.metadata.MetadataStore;
import dev.berth.metadata.PullGateSettings;
import dev.berth.metadata.ScanState;
import dev.berth.metadata.ScanStore;
import dev.berth.oci.Digest;
import dev.berth.oci.RepositoryName;
import dev.berth.registry.PullGuard;
import dev.berth.registry.RegistryError;
import dev.berth.registry.RegistryException;
import dev.berth.vulndb.Finding;
import dev.berth.vulndb.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pull gate (a Berth extension): a repository may refuse to serve images with findings at or above a severity,
 * or images without a completed scan, except for findings whose advisory ids are on its allow-list.
 *
 * <p>Manifests are checked on every pull (GET and HEAD, by tag or digest, /v2/ and BatchGetImage); an index by its
 * own result (the union of its platforms'), a platform image by its own. Artifacts (SBOMs, signatures — see
 * {@link Scannable}) are always served: they are not the image. A blob is served when the repository has no gate,
 * when no image of the repository references it (an upload in progress, an artifact's blob), or when at least one
 * image referencing it may be pulled — so shared base layers of a clean image stay available, and the layers of a
 * refused image are refused by any route. Gate settings are cached per repository for {@value #CACHE_SECONDS}
 * seconds so that a blob GET in a repository without a gate costs one map lookup; a change made on this node
 * applies at once. Thread-safe.
 */
public final class PullGate implements PullGuard {
    static final int CACHE_SECONDS = 5;
    private static final int IDS_SHOWN = 5;

    private final ScanStore store;
    private final MetadataStore metadata;
    private final ScanService scans;
    private final Clock clock;
    private final Map<RepositoryName, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<PullGateSettings> settings, Instant until) {
    }

    public PullGate(ScanStore store, MetadataStore metadata, ScanService scans, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.scans = Objects.requireNonNull(scans, "scans");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Optional<PullGateSettings> settings(RepositoryName repository) {
        Instant now = clock.instant();
        Cached cached = cache.get(repository);
        if (cached == null || cached.until.isBefore(now)) {
            cached = new Cached(store.pullGate(repository), now.plusSeconds(CACHE_SECONDS));
            cache.put(repository, cached);
        }
        return cached.settings;
    }

    /** The repository's gate as stored now, bypassing the cache (for the API that shows it). */
    public Optional<PullGateSettings> settingsNow(RepositoryName repository) {
        cache.remove(repository);
        return settings(repository);
    }

    /** Sets the repository's gate; false when the repository does not exist. */
    public boolean put(RepositoryName repository, PullGateSettings settings) {
        boolean stored = store.putPullGate(repository, settings);
        cache.remove(repository);
        return stored;
    }

    public boolean delete(RepositoryName repository) {
        boolean deleted = store.deletePullGate(repository);
        cache.remove(repository);
        return deleted;
    }

    @Override
    public void checkManifest(ManifestRecord manifest) {
        Optional<PullGateSettings> settings = settings(manifest.repository());
        if (settings.isPresent()) {
            refusal(manifest, settings.get()).ifPresent(reason -> {
                throw new RegistryException(RegistryError.DENIED, reason, manifest.digest().toString());
            });
        }
    }

    @Override
    public void checkBlob(RepositoryName repository, Digest blob) {
        Optional<PullGateSettings> settings = settings(repository);
        if (settings.isEmpty()) {
            return;
        }
        Optional<String> firstRefusal = Optional.empty();
        List<Digest> users = store.manifestsReferencing(repository, blob);
        for (Digest user : users) {
            Optional<ManifestRecord> record = metadata.findManifest(repository, user);
            if (record.isEmpty()) {
                continue;
            }
            Optional<String> refused = refusal(record.get(), settings.get());
            if (refused.isEmpty()) {
                return;
            }
            firstRefusal = firstRefusal.or(() -> refused);
        }
        firstRefusal.ifPresent(reason -> {
            throw new RegistryException(RegistryError.DENIED, "blob " + blob + " belongs only to images the"
                    + " repository's pull gate refuses: " + reason, blob.toString());
        });
    }

    /** Why the gate refuses the manifest, or empty when it may be served. */
    Optional<String> refusal(ManifestRecord manifest, PullGateSettings settings) {
        if (!Scannable.isImage(manifest)) {
            return Optional.empty();
        }
        Optional<ScanReport> report = scans.report(manifest.repository(), manifest.digest());
        if (report.isEmpty() || report.get().scan().state() != ScanState.COMPLETE) {
            if (!settings.requireScan()) {
                return Optional.empty();
            }
            return Optional.of(report.isEmpty() ? "image " + manifest.digest() + " has not been scanned, and the"
                    + " repository's pull gate requires a scan"
                    : "image " + manifest.digest() + " has no completed scan (" + report.get().scan().state()
                    + ": " + report.get().scan().description() + "), and the repository's pull gate requires one");
        }
        if (settings.minSeverity().isEmpty()) {
            return Optional.empty();
        }
        Severity threshold = Severity.valueOf(settings.minSeverity().get());
        Set<String> allowed = Set.copyOf(settings.allowedIds());
        Map<Severity, Set<String>> blocking = new EnumMap<>(Severity.class);
        for (Finding finding : report.get().findings()) {
            if (finding.severity().compareTo(threshold) < 0 || allowed.contains(finding.id())
                    || finding.advisoryIds().stream().anyMatch(allowed::contains)) {
                continue;
            }
            blocking.computeIfAbsent(finding.severity(), s -> new LinkedHashSet<>()).add(finding.id());
        }
        if (blocking.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        List<Severity> order = new ArrayList<>(blocking.keySet());
        java.util.Collections.reverse(order);
        for (Severity severity : order) {
            Set<String> ids = blocking.get(severity);
            List<String> shown = ids.stream().sorted().limit(IDS_SHOWN).toList();
            parts.add(ids.size() + " " + severity + (ids.size() == 1 ? " finding" : " findings") + " ("
                    + String.join(", ", shown) + (ids.size() > IDS_SHOWN ? ", ..." : "") + ")");
        }
        return Optional.of("image " + manifest.digest() + " has " + String.join(" and ", parts)
                + " at or above the repository's gate " + threshold);
    }

    /** How long a gate change made on another node may take to apply here. */
    public static Duration propagation() {
        return Duration.ofSeconds(CACHE_SECONDS);
    }
}
