package dev.berth.cli.scan;

import java.util.Locale;
import java.util.Optional;

/** ECR's finding severities, most severe first (the order summaries list them in). */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNDEFINED;

    public static Optional<Severity> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
