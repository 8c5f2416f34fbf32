package dev.berth.vulndb;

import dev.berth.vulndb.osv.OsvAdvisory;
import dev.berth.vulndb.osv.OsvAdvisory.SeverityEntry;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import us.springett.cvss.Cvss;
import us.springett.cvss.CvssV2;

/**
 * Decides the severity of an advisory for one affected package, in ECR's names.
 *
 * <ol>
 *   <li>A CVSS v3.x vector (of the affected entry, else of the advisory): its base score, computed here;</li>
 *   <li>else a CVSS v4.0 vector: its base score (CVSS-B), computed with the specification's macro-vector table;</li>
 *   <li>else the database's own name: GHSA's {@code database_specific.severity}, an ecosystem-specific severity
 *       or Debian urgency, or Ubuntu's priority;</li>
 *   <li>else UNDEFINED.</li>
 * </ol>
 * v3 wins over v4 when both are present because the two scales are not the same measure (v4 scores the same flaw
 * differently), most databases and every ECR/Inspector severity today are v3-based, and a gate written as
 * "CRITICAL blocks" must not change its verdict on an image because a database added a v4 vector. CVSS v2 vectors
 * and unknown types are ignored. Scores map to names as ECR does: 0 INFORMATIONAL, 0.1–3.9 LOW, 4.0–6.9 MEDIUM,
 * 7.0–8.9 HIGH, 9.0–10 CRITICAL. A vector that does not parse counts as absent. Stateless.
 */
public final class SeverityRating {

    /** A severity and, when it came from a CVSS vector, the vector and its base score. */
    public record Rating(Severity severity, Optional<Double> score, Optional<String> vector) {
        static Rating named(Severity severity) {
            return new Rating(severity, Optional.empty(), Optional.empty());
        }
    }

    private SeverityRating() {}

    public static Rating rate(OsvAdvisory advisory, OsvAdvisory.Affected affected) {
        for (String prefix : List.of("CVSS_V3", "CVSS_V4")) {
            Optional<Rating> scored = scored(affected.severity(), prefix)
                    .or(() -> scored(advisory.severity(), prefix));
            if (scored.isPresent()) {
                return scored.get();
            }
        }
        return affected.ecosystemSeverity().flatMap(SeverityRating::fromName)
                .or(() -> advisory.databaseSeverity().flatMap(SeverityRating::fromName))
                .or(() -> advisory.severity().stream().filter(s -> s.type().equals("UBUNTU")).findFirst()
                        .flatMap(s -> fromName(s.score())))
                .map(Rating::named)
                .orElse(Rating.named(Severity.UNDEFINED));
    }

    private static Optional<Rating> scored(List<SeverityEntry> entries, String type) {
        for (SeverityEntry entry : entries) {
            if (entry.type().equals(type)) {
                Optional<Double> score = baseScore(entry.score());
                if (score.isPresent()) {
                    return Optional.of(new Rating(fromScore(score.get()), score, Optional.of(entry.score())));
                }
            }
        }
        return Optional.empty();
    }

    /** The base score of a CVSS v3.0, v3.1 or v4.0 vector; empty for v2 and for anything that does not parse. */
    public static Optional<Double> baseScore(String vector) {
        try {
            Cvss cvss = Cvss.fromVector(vector.trim());
            if (cvss == null || cvss instanceof CvssV2) {
                return Optional.empty();
            }
            double score = cvss.calculateScore().getBaseScore();
            return Double.isFinite(score) && score >= 0 && score <= 10 ? Optional.of(score) : Optional.empty();
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    /** ECR's name for a CVSS base score. */
    public static Severity fromScore(double score) {
        if (score <= 0) {
            return Severity.INFORMATIONAL;
        }
        if (score < 4.0) {
            return Severity.LOW;
        }
        if (score < 7.0) {
            return Severity.MEDIUM;
        }
        return score < 9.0 ? Severity.HIGH : Severity.CRITICAL;
    }

    /**
     * ECR's name for a database's own severity name: GHSA's LOW/MODERATE/HIGH/CRITICAL, Debian's urgencies
     * (unimportant, low, medium, high, with the tracker's {@code *}/{@code **} marks), Ubuntu's priorities
     * (negligible, low, medium, high, critical). "not yet assigned", "end-of-life" and unknown names give nothing.
     */
    public static Optional<Severity> fromName(String name) {
        String normalized = name.trim().toLowerCase(Locale.ROOT).replaceAll("\\*+$", "").trim();
        return Optional.ofNullable(switch (normalized) {
            case "unimportant", "negligible", "none", "informational" -> Severity.INFORMATIONAL;
            case "low" -> Severity.LOW;
            case "moderate", "medium" -> Severity.MEDIUM;
            case "high", "important" -> Severity.HIGH;
            case "critical" -> Severity.CRITICAL;
            default -> null;
        });
    }
}
