package dev.berth.cli.login;

import dev.berth.cli.CliException;
import dev.berth.cli.ExitCode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** {@code --duration}: whole seconds ({@code 3600}), a number with {@code s}/{@code m}/{@code h}, or ISO-8601. */
final class SessionDuration {
    private SessionDuration() {
    }

    static Duration parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("p")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            }
            char unit = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
            String number = Character.isDigit(unit) ? s : s.substring(0, s.length() - 1);
            long value = Long.parseLong(number);
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
            throw new CliException(ExitCode.USAGE, "--duration " + text + ": expected seconds (3600), 15m, 1h or "
                    + "an ISO-8601 duration (PT1H)");
        }
    }
}
