package dev.berth.vulndb;

import dev.berth.scan.Inventory;
import dev.berth.scan.Package;
import dev.berth.vulndb.osv.OsvAdvisory;
import dev.berth.vulndb.osv.OsvAdvisory.EventKind;
import dev.berth.vulndb.osv.OsvAdvisory.RangeType;
import dev.berth.vulndb.version.Ecosystems;
import dev.berth.vulndb.version.SemverOrder;
import dev.berth.vulndb.version.VersionOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Advisories in memory, keyed by (normalised ecosystem, normalised package name), each key holding the compact
 * affected ranges of the advisories that name it (events sorted once, in the ecosystem's version order, when the
 * index is built). Immutable once built and safe to share between threads; building is single-threaded.
 *
 * <p>Matching follows OSV's evaluation: a version is affected when an explicit {@code versions} entry equals it or
 * when, walking a range's events in version order, the last {@code introduced} at or below it is not followed by
 * a {@code fixed} (or {@code limit}) at or below it, nor by a {@code last_affected} below it. The reported fixed
 * version is the first {@code fixed} above it in that range.
 */
public final class AdvisoryIndex {
    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");
    private static final int DESCRIPTION_LIMIT = 1024;

    private final Map<String, List<Entry>> byPackage;
    private final int advisories;

    private AdvisoryIndex(Map<String, List<Entry>> byPackage, int advisories) {
        this.byPackage = byPackage;
        this.advisories = advisories;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static AdvisoryIndex empty() {
        return new AdvisoryIndex(Map.of(), 0);
    }

    /** How many advisories the index holds. */
    public int advisoryCount() {
        return advisories;
    }

    /**
     * The findings of an inventory: one per (finding id, package), in package order and advisory id order within a
     * package. When two advisories report the same CVE for one package (GHSA and PYSEC both do for PyPI), they make
     * one finding that lists both ids and takes the severity of the one with a CVSS score, else the higher one.
     */
    public List<Finding> match(Inventory inventory) {
        List<Finding> findings = new ArrayList<>();
        for (Package pkg : inventory.packages()) {
            findings.addAll(match(pkg));
        }
        return findings;
    }

    /** The findings of one package, as {@link #match(Inventory)} reports them. */
    public List<Finding> match(Package pkg) {
        boolean bySource = Ecosystems.bySourcePackage(pkg.ecosystem());
        String name = bySource ? pkg.sourceName() : pkg.name();
        String version = bySource ? pkg.sourceVersion() : pkg.version();
        String ecosystem = Ecosystems.normalize(pkg.ecosystem());
        String base = Ecosystems.normalize(Ecosystems.base(pkg.ecosystem()));
        String normalizedName = Ecosystems.normalizeName(pkg.ecosystem(), name);
        Map<String, Finding> found = new LinkedHashMap<>();
        collect(key(ecosystem, normalizedName), version, pkg, found);
        if (!ecosystem.equals(base)) {
            collect(key(base, normalizedName), version, pkg, found);   // advisories for every release
        }
        // Advisories that alias each other (PYSEC-x lists GHSA-y, neither has a CVE) are one finding too.
        List<Finding> result = new ArrayList<>(found.size());
        for (Finding finding : found.values()) {
            int same = -1;
            for (int i = 0; i < result.size() && same < 0; i++) {
                if (result.get(i).advisoryIds().stream().anyMatch(finding.advisoryIds()::contains)) {
                    same = i;
                }
            }
            if (same < 0) {
                result.add(finding);
            } else {
                result.set(same, merge(result.get(same), finding));
            }
        }
        result.sort(Comparator.comparing(Finding::id));
        return result;
    }

    private void collect(String key, String version, Package pkg, Map<String, Finding> found) {
        for (Entry entry : byPackage.getOrDefault(key, List.of())) {
            Optional<Optional<String>> hit = entry.affects(version);
            if (hit.isEmpty()) {
                continue;
            }
            Info info = entry.info;
            Finding finding = new Finding(info.findingId, info.advisoryIds, info.description, info.uri,
                    entry.rating.severity(), entry.rating.score(), entry.rating.vector(), pkg, hit.get());
            found.merge(info.findingId, finding, AdvisoryIndex::merge);
        }
    }

    private static Finding merge(Finding kept, Finding other) {
        Finding better = preferred(kept, other);
        Finding worse = better == kept ? other : kept;
        Set<String> ids = new LinkedHashSet<>(better.advisoryIds());
        ids.addAll(worse.advisoryIds());
        String id = ids.stream().filter(candidate -> CVE.matcher(candidate).matches()).findFirst()
                .orElse(better.id());
        return new Finding(id, List.copyOf(ids), better.description(), better.uri(), better.severity(),
                better.cvssScore(), better.cvssVector(), better.pkg(),
                better.fixedVersion().or(worse::fixedVersion));
    }

    private static Finding preferred(Finding a, Finding b) {
        if (a.cvssScore().isPresent() != b.cvssScore().isPresent()) {
            return a.cvssScore().isPresent() ? a : b;
        }
        return b.severity().compareTo(a.severity()) > 0 ? b : a;
    }

    private static String key(String ecosystem, String name) {
        return ecosystem + '\u0000' + name;
    }

    /** What findings of one advisory say, shared by all its entries. */
    private record Info(String findingId, List<String> advisoryIds, String description, String uri) {
    }

    /** One affected entry of one advisory, compiled. */
    private record Entry(Info info, SeverityRating.Rating rating, Set<String> versions, List<CompiledRange> ranges) {
        /** Empty when not affected; else the fixed version, when one is known. */
        Optional<Optional<String>> affects(String version) {
            boolean affected = versions.contains(version);
            for (CompiledRange range : ranges) {
                Optional<Optional<String>> hit = range.affects(version);
                if (hit.isPresent()) {
                    if (hit.get().isPresent()) {
                        return hit;
                    }
                    affected = true;
                }
            }
            return affected ? Optional.of(Optional.empty()) : Optional.empty();
        }
    }

    private record CompiledRange(VersionOrder order, List<OsvAdvisory.Event> sortedEvents) {
        Optional<Optional<String>> affects(String version) {
            boolean affected = false;
            String fixed = null;
            for (OsvAdvisory.Event event : sortedEvents) {
                int cmp = order.compare(version, event.version());
                switch (event.kind()) {
                    case INTRODUCED -> {
                        if (cmp >= 0) {
                            affected = true;
                            fixed = null;
                        }
                    }
                    case FIXED -> {
                        if (cmp >= 0) {
                            affected = false;
                        } else if (affected && fixed == null) {
                            fixed = event.version();
                        }
                    }
                    case LAST_AFFECTED -> {
                        if (cmp > 0) {
                            affected = false;
                        }
                    }
                    case LIMIT -> {
                        if (cmp >= 0) {
                            affected = false;
                        }
                    }
                }
            }
            return affected ? Optional.of(Optional.ofNullable(fixed)) : Optional.empty();
        }
    }

    /** Collects advisories; not thread-safe. An advisory added twice (same id) is kept once, the last one wins. */
    public static final class Builder {
        private final Map<String, OsvAdvisory> advisories = new LinkedHashMap<>();

        private Builder() {}

        public Builder add(OsvAdvisory advisory) {
            advisories.put(advisory.id(), advisory);
            return this;
        }

        public Builder addAll(Collection<OsvAdvisory> all) {
            all.forEach(this::add);
            return this;
        }

        public AdvisoryIndex build() {
            Map<String, List<Entry>> byPackage = new HashMap<>();
            Map<String, String> interned = new HashMap<>();
            for (OsvAdvisory advisory : advisories.values()) {
                Info info = info(advisory);
                for (OsvAdvisory.Affected affected : advisory.affected()) {
                    String key = interned.computeIfAbsent(key(Ecosystems.normalize(affected.ecosystem()),
                            Ecosystems.normalizeName(affected.ecosystem(), affected.name())), k -> k);
                    VersionOrder ecosystemOrder = Ecosystems.versionOrder(affected.ecosystem());
                    List<CompiledRange> ranges = new ArrayList<>(affected.ranges().size());
                    for (OsvAdvisory.Range range : affected.ranges()) {
                        VersionOrder order = range.type() == RangeType.SEMVER ? SemverOrder.INSTANCE : ecosystemOrder;
                        List<OsvAdvisory.Event> events = new ArrayList<>(range.events());
                        events.sort((a, b) -> order.compare(a.version(), b.version()));
                        ranges.add(new CompiledRange(order, List.copyOf(events)));
                    }
                    byPackage.computeIfAbsent(key, k -> new ArrayList<>(1)).add(new Entry(info,
                            SeverityRating.rate(advisory, affected), Set.copyOf(affected.versions()),
                            List.copyOf(ranges)));
                }
            }
            byPackage.replaceAll((k, entries) -> List.copyOf(entries));
            return new AdvisoryIndex(byPackage, advisories.size());
        }

        private static Info info(OsvAdvisory advisory) {
            Set<String> ids = new LinkedHashSet<>();
            ids.add(advisory.id());
            ids.addAll(advisory.aliases());
            ids.addAll(advisory.upstream());
            String description = !advisory.summary().isBlank() ? advisory.summary() : advisory.details();
            if (description.length() > DESCRIPTION_LIMIT) {
                description = description.substring(0, DESCRIPTION_LIMIT - 1) + "…";
            }
            String uri = advisory.references().isEmpty() ? "https://osv.dev/vulnerability/" + advisory.id()
                    : advisory.references().getFirst();
            return new Info(findingId(advisory), List.copyOf(ids), description, uri);
        }

        /** The CVE an advisory is about (an alias, an upstream id, or its own id's CVE part), else its own id. */
        static String findingId(OsvAdvisory advisory) {
            List<String> candidates = new ArrayList<>(advisory.aliases());
            candidates.addAll(advisory.upstream());
            for (String candidate : candidates) {
                if (CVE.matcher(candidate).matches()) {
                    return candidate;
                }
            }
            Matcher own = CVE.matcher(advisory.id());
            return own.find() && own.end() == advisory.id().length() ? own.group() : advisory.id();
        }
    }
}
