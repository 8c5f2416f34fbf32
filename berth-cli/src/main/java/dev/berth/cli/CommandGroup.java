package dev.berth.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands ({@code berth repo}, {@code berth scan}, ...): run on its own it prints
 * its usage, which lists them. Subclasses carry the {@code @Command} annotation with the group's name.
 */
public abstract class CommandGroup implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
