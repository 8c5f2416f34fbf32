package dev.berth.vulndb.osv;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One OSV advisory (schema 1.6), reduced to what matching and reporting use. Built only by {@link OsvParser}.
 *
 * @param upstream          ids of the upstream records it derives from (Debian's {@code DEBIAN-CVE-*} name their
 *                          CVE here rather than in {@code aliases})
 * @param severity          the advisory-level {@code severity[]} entries, any type
 * @param databaseSeverity  {@code database_specific.severity} (GHSA: LOW, MODERATE, HIGH, CRITICAL), when present
 * @param references        reference URLs in document order
 */
public record OsvAdvisory(String id, List<String> aliases, List<String> upstream, String summary, String details,
                          Instant modified, List<SeverityEntry> severity, Optional<String> databaseSeverity,
                          List<Affected> affected, List<String> references) {
    public OsvAdvisory {
        aliases = List.copyOf(aliases);
        upstream = List.copyOf(upstream);
        severity = List.copyOf(severity);
        affected = List.copyOf(affected);
        references = List.copyOf(references);
    }

    /** A {@code severity[]} entry: {@code type} (CVSS_V3, CVSS_V4, CVSS_V2, Ubuntu...) and its {@code score}. */
    public record SeverityEntry(String type, String score) {
    }

    /**
     * One {@code affected[]} entry: a package and the versions of it affected.
     *
     * @param severity        the entry's own {@code severity[]} (allowed instead of the advisory's)
     * @param ecosystemSeverity a severity name from {@code ecosystem_specific}/{@code database_specific}
     *                        ({@code severity}, or Debian's {@code urgency}), when present
     */
    public record Affected(String ecosystem, String name, Optional<String> purl, List<Range> ranges,
                           List<String> versions, List<SeverityEntry> severity, Optional<String> ecosystemSeverity) {
        public Affected {
            ranges = List.copyOf(ranges);
            versions = List.copyOf(versions);
            severity = List.copyOf(severity);
        }
    }

    /** A range of type ECOSYSTEM or SEMVER (GIT ranges are dropped by the parser), its events in document order. */
    public record Range(RangeType type, List<Event> events) {
        public Range {
            events = List.copyOf(events);
        }
    }

    public enum RangeType { ECOSYSTEM, SEMVER }

    /** One event of a range. */
    public record Event(EventKind kind, String version) {
    }

    public enum EventKind { INTRODUCED, FIXED, LAST_AFFECTED, LIMIT }
}
