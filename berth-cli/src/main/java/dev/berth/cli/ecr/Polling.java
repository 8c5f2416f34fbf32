package dev.berth.cli.ecr;

import dev.berth.cli.CliException;
import dev.berth.cli.ExitCode;
import java.time.Duration;

/** The pause between two polls of a long-running ECR operation (a preview, a scan). */
public final class Polling {
    private Polling() {
    }

    public static void sleep(Duration interval) {
        try {
            Thread.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.ERROR, "interrupted while waiting", e);
        }
    }
}
