package dev.berth.cli;

import dev.berth.cli.transfer.CopyCommand;
import dev.berth.cli.transfer.PullCommand;
import dev.berth.cli.transfer.PushCommand;
import dev.berth.cli.credhelper.CredentialHelperCommand;
import dev.berth.cli.ecr.ImagesCommands;
import dev.berth.cli.ecr.LifecycleCommands;
import dev.berth.cli.ecr.RepoCommands;
import dev.berth.cli.login.LoginCommand;
import dev.berth.cli.scan.ScanCommands;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine;

/**
 * The client-side subcommands of {@code berth} (everything but {@code serve}), in the order {@code --help} lists
 * them. The server's entry point adds each of them to the one {@code berth} command line. Each command gets the
 * {@link Environment} it runs in, so tests run them with an environment of their own.
 */
public final class ClientCommands {
    private ClientCommands() {
    }

    public static List<Object> all() {
        return all(Environment.system(), Clock.systemUTC());
    }

    public static List<Object> all(Environment env, Clock clock) {
        return List.of(
                new LoginCommand(env, clock),
                new PushCommand(), new PullCommand(), new CopyCommand(),
                new CredentialHelperCommand(env, clock),
                group(new RepoCommands.Group(), new RepoCommands.Create(env, clock),
                        new RepoCommands.ListRepositories(env, clock), new RepoCommands.Describe(env, clock),
                        new RepoCommands.Delete(env, clock)),
                group(new ImagesCommands.Group(), new ImagesCommands.ListImages(env, clock),
                        new ImagesCommands.Describe(env, clock)),
                group(new LifecycleCommands.Group(), new LifecycleCommands.Put(env, clock),
                        new LifecycleCommands.Get(env, clock), new LifecycleCommands.Preview(env, clock)),
                group(new ScanCommands.Group(), new ScanCommands.Start(env, clock), new ScanCommands.Wait(env, clock),
                        new ScanCommands.Findings(env, clock)));
    }

    private static CommandLine group(Object group, Object... subcommands) {
        CommandLine line = new CommandLine(group);
        for (Object subcommand : subcommands) {
            line.addSubcommand(subcommand);
        }
        return line;
    }
}
