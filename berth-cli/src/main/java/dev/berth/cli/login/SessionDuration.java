package dev.berth.cli.login;

import dev.berth.cli.CliDuration;
import dev.berth.cli.CliException;
import dev.berth.cli.ExitCode;
import java.time.Duration;

/** {@code --duration}: whole seconds ({@code 3600}), a number with {@code s}/{@code m}/{@code h}, or ISO-8601. */
final class SessionDuration {
    private SessionDuration() {
    }

    static Duration parse(String text) {
        try {
            return CliDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, "--duration " + text + ": expected seconds (3600), 15m, 1h or "
                    + "an ISO-8601 duration (PT1H)");
        }
    }
}
