package dev.berth.cli.scan;

import dev.berth.cli.CliException;
import dev.berth.cli.ExitCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scan gate of {@code --fail-on}: comma-separated thresholds {@code SEVERITY>N} or {@code SEVERITY>=N}
 * ({@code 'CRITICAL>0,HIGH>5'} blocks on any critical finding or more than five high ones). Severities are ECR's,
 * in any case. The gate fails when any threshold is exceeded; an empty gate never fails.
 */
public record FailOn(List<Threshold> thresholds) {
    private static final Pattern THRESHOLD = Pattern.compile("\\s*([A-Za-z]+)\\s*(>=|>)\\s*(\\d{1,9})\\s*");

    /** One condition: the count of {@code severity} findings compared with {@code limit}. */
    public record Threshold(Severity severity, boolean orEqual, int limit) {
        public boolean exceededBy(int count) {
            return orEqual ? count >= limit : count > limit;
        }

        @Override
        public String toString() {
            return severity + (orEqual ? ">=" : ">") + limit;
        }
    }

    /** A threshold that was exceeded, with the count that exceeded it. */
    public record Violation(Threshold threshold, int count) {
        @Override
        public String toString() {
            return threshold.severity() + " " + count + " (" + threshold + ")";
        }
    }

    public FailOn {
        thresholds = List.copyOf(thresholds);
    }

    public static FailOn none() {
        return new FailOn(List.of());
    }

    public static FailOn parse(String text) {
        if (text == null || text.isBlank()) {
            return none();
        }
        List<Threshold> thresholds = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            Matcher m = THRESHOLD.matcher(part);
            if (!m.matches()) {
                throw invalid(text, "'" + part.strip() + "' is not SEVERITY>N or SEVERITY>=N");
            }
            Severity severity = Severity.parse(m.group(1)).orElseThrow(() -> invalid(text, "unknown severity "
                    + m.group(1) + " (one of " + Arrays.toString(Severity.values()) + ")"));
            thresholds.add(new Threshold(severity, m.group(2).equals(">="), Integer.parseInt(m.group(3))));
        }
        return new FailOn(thresholds);
    }

    /** The thresholds the counts exceed, in the order they were given; empty means the gate passes. */
    public List<Violation> evaluate(Map<Severity, Integer> counts) {
        List<Violation> violations = new ArrayList<>();
        for (Threshold t : thresholds) {
            int count = counts.getOrDefault(t.severity(), 0);
            if (t.exceededBy(count)) {
                violations.add(new Violation(t, count));
            }
        }
        return violations;
    }

    @Override
    public String toString() {
        return String.join(",", thresholds.stream().map(Threshold::toString).toList());
    }

    private static CliException invalid(String text, String why) {
        return new CliException(ExitCode.USAGE, "--fail-on " + text + ": " + why
                + " (e.g. --fail-on 'CRITICAL>0,HIGH>5')");
    }
}
