package dev.berth.cli.dockerconfig;

import java.util.Objects;

/** A user name and secret for one registry. {@link #toString()} never shows the secret. */
public record RegistryCredentials(String username, String secret) {
    public RegistryCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "RegistryCredentials[username=" + username + ", secret=***]";
    }
}
