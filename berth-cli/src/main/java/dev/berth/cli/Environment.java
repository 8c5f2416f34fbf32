package dev.berth.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client command reads from and writes to outside its arguments: the process environment, the home
 * directory and the three standard streams. Commands never call {@link System#getenv} themselves, so tests run them
 * in one JVM with an environment of their own (a CI's variables, another {@code HOME}).
 */
public record Environment(Map<String, String> variables, InputStream in, PrintStream out, PrintStream err) {
    public Environment {
        variables = Map.copyOf(variables);
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }

    /** The real process: {@link System#getenv()} and the standard streams. */
    public static Environment system() {
        return new Environment(System.getenv(), System.in, System.out, System.err);
    }

    /** A variable's value; blank counts as unset, as shells and CI systems often export empty variables. */
    public Optional<String> variable(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** {@code $HOME}, else the JVM's {@code user.home}. */
    public Path home() {
        return variable("HOME").map(Path::of).orElseGet(() -> Path.of(System.getProperty("user.home")));
    }

    /** {@code $XDG_CONFIG_HOME/berth}, else {@code ~/.config/berth}. */
    public Path berthConfigDir() {
        return variable("XDG_CONFIG_HOME").map(Path::of).orElseGet(() -> home().resolve(".config"))
                .resolve("berth");
    }

    /** Where docker looks for its config: {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}. */
    public Path dockerConfigFile() {
        return variable("DOCKER_CONFIG").map(dir -> Path.of(dir, "config.json"))
                .orElseGet(() -> home().resolve(".docker").resolve("config.json"));
    }
}
