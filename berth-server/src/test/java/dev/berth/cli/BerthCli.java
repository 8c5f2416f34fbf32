package dev.berth.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code berth} client commands run in this JVM as the launcher runs them (the same subcommands under one
 * {@code berth} command line), with an environment map, stdin, a clock and captured stdout/stderr of their own.
 */
final class BerthCli {
    private final Map<String, String> env = new HashMap<>();
    private Clock clock = Clock.systemUTC();

    /** What one run printed and returned. */
    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    @Command(name = "berth")
    static final class Root implements Runnable {
        @Override
        public void run() {
        }
    }

    BerthCli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    BerthCli without(String name) {
        env.remove(name);
        return this;
    }

    BerthCli clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    Map<String, String> variables() {
        return Map.copyOf(env);
    }

    Result run(String... args) {
        return runWithInput("", args);
    }

    Result runWithInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        Environment environment = new Environment(env,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), outStream, errStream);
        CommandLine line = new CommandLine(new Root());
        for (Object command : ClientCommands.all(environment, clock)) {
            line.addSubcommand(command);
        }
        line.setOut(new PrintWriter(outStream, true));
        line.setErr(new PrintWriter(errStream, true));
        int code = line.execute(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
