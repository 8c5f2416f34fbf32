package dev.berth.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A duration as people type it on a command line: whole seconds ({@code 900}), a number with {@code s}, {@code m} or
 * {@code h} ({@code 10m}), or ISO-8601 ({@code PT10M}, fractions too: {@code PT0.5S}).
 */
public final class CliDuration {
    private CliDuration() {
    }

    /** The duration {@code text} means; {@link IllegalArgumentException} saying what is accepted otherwise. */
    public static Duration parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("p")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            }
            char unit = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
            long value = Long.parseLong(Character.isDigit(unit) ? s : s.substring(0, s.length() - 1));
            return switch (unit) {
                case 'h' -> Duration.ofHours(value);
                case 'm' -> Duration.ofMinutes(value);
                case 's' -> Duration.ofSeconds(value);
                default -> {
                    if (!Character.isDigit(unit)) {
                        throw new NumberFormatException();
                    }
                    yield Duration.ofSeconds(value);
                }
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("'" + text + "': expected seconds (600), 30s, 10m, 1h or an ISO-8601 "
                    + "duration (PT10M)");
        }
    }

    /** For picocli options: a bad value is a usage error (exit 2) with the accepted forms. */
    public static final class Converter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
