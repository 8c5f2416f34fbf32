package dev.berth.cli.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a finished scan says about one image, for people: the counts per severity (most severe first, zeros
 * included up to the least severe one found) and the most severe findings; and the verdict of a {@link FailOn} gate.
 * Pure: tests render it without a server.
 */
public record ScanSummary(String image, String status, Map<Severity, Integer> counts, List<ScanFinding> findings) {

    public ScanSummary {
        EnumMap<Severity, Integer> copy = new EnumMap<>(Severity.class);
        copy.putAll(counts);
        counts = java.util.Collections.unmodifiableMap(copy);
        findings = List.copyOf(findings);
    }

    /** The findings sorted most severe first, then by name; at most {@code limit}. */
    public List<ScanFinding> top(int limit) {
        List<ScanFinding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparing(ScanFinding::severity).thenComparing(ScanFinding::name)
                .thenComparing(ScanFinding::packageName));
        return sorted.subList(0, Math.min(limit, sorted.size()));
    }

    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** {@code CRITICAL 1, HIGH 6, MEDIUM 0, LOW 3}: every severity down to the least severe one with findings. */
    public String countsLine() {
        if (total() == 0) {
            return "no findings";
        }
        Severity lowest = Severity.CRITICAL;
        for (Severity s : Severity.values()) {
            if (counts.getOrDefault(s, 0) > 0) {
                lowest = s;
            }
        }
        List<String> parts = new ArrayList<>();
        for (Severity s : Severity.values()) {
            if (s.ordinal() > lowest.ordinal()) {
                break;
            }
            parts.add(s + " " + counts.getOrDefault(s, 0));
        }
        return String.join(", ", parts);
    }

    /** The text the scan commands print: status, counts, the top findings, and the gate's verdict when given. */
    public String render(int topLimit, FailOn gate) {
        StringBuilder out = new StringBuilder();
        out.append("Scan of ").append(image).append(": ").append(status).append('\n');
        out.append("  ").append(countsLine()).append('\n');
        List<ScanFinding> top = top(topLimit);
        if (!top.isEmpty()) {
            out.append("  top findings:\n");
            for (ScanFinding f : top) {
                out.append("    ").append(String.format("%-13s", f.severity())).append(f.name());
                if (!f.packageName().isEmpty()) {
                    out.append("  ").append(f.packageName());
                    if (!f.packageVersion().isEmpty()) {
                        out.append(' ').append(f.packageVersion());
                    }
                }
                out.append('\n');
            }
            if (findings.size() > top.size()) {
                out.append("    … and ").append(findings.size() - top.size()).append(" more (--output json lists all)\n");
            }
        }
        if (!gate.thresholds().isEmpty()) {
            List<FailOn.Violation> violations = gate.evaluate(counts);
            if (violations.isEmpty()) {
                out.append("Gate ").append(gate).append(": passed\n");
            } else {
                out.append("Gate ").append(gate).append(": FAILED on ")
                        .append(String.join(", ", violations.stream().map(FailOn.Violation::toString).toList()))
                        .append('\n');
            }
        }
        return out.toString();
    }
}
