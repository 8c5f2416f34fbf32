package dev.berth.iam;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the date forms {@code Date*} conditions accept: epoch seconds ({@code 1735689600}, a JSON number or string,
 * fractions allowed), or ISO-8601 as AWS documents it: {@code 2026-01-01T00:00:00Z}, with fractional seconds, with an
 * offset ({@code +02:00} or {@code +0200}), without an offset (UTC), or a bare date (midnight UTC). Thread-safe.
 */
final class DateValues {
    private static final Pattern EPOCH = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final DateTimeFormatter COMPACT_OFFSET =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm[:ss][.SSS]xx");
    private static final List<Function<String, Instant>> FORMS = List.of(
            s -> OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant(),
            s -> OffsetDateTime.parse(s, COMPACT_OFFSET).toInstant(),
            s -> LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC),
            s -> LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay(ZoneOffset.UTC).toInstant());

    private DateValues() {}

    /** The instant the text names, or empty when it is neither epoch seconds nor an accepted ISO-8601 form. */
    static Optional<Instant> parse(String text) {
        String s = text.trim();
        if (EPOCH.matcher(s).matches()) {
            try {
                BigDecimal seconds = new BigDecimal(s);
                BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
                long nanos = seconds.subtract(whole).movePointRight(9).longValue();
                return Optional.of(Instant.ofEpochSecond(whole.longValueExact(), nanos));
            } catch (ArithmeticException | DateTimeException e) {
                return Optional.empty();
            }
        }
        for (Function<String, Instant> form : FORMS) {
            try {
                return Optional.of(form.apply(s));
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return Optional.empty();
    }
}
