package dev.berth.cli;

import dev.berth.cli.transfer.CopyCommand;
import dev.berth.cli.transfer.PullCommand;
import dev.berth.cli.transfer.PushCommand;
import java.util.List;

/**
 * The client-side subcommands of {@code berth} (everything but {@code serve}), in the order {@code --help} lists
 * them. The server's entry point adds each of them to the one {@code berth} command line.
 */
public final class ClientCommands {
    private ClientCommands() {
    }

    public static List<Object> all() {
        return List.of(new PushCommand(), new PullCommand(), new CopyCommand());
    }
}
