package dev.berth.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.cli.dockerconfig.DockerConfig;
import dev.berth.cli.dockerconfig.RegistryCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Finds the credentials docker would use for a registry: inline {@code auths} in the docker config first, then the
 * credential helper the config names ({@code docker-credential-<name> get}, the server URL on stdin, JSON
 * {@code {ServerURL, Username, Secret}} on stdout). A helper that answers "credentials not found" (or fails) means
 * anonymous access. The secret never reaches a log or an exception message.
 */
public final class CredentialStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long HELPER_TIMEOUT_SECONDS = 60;

    private final DockerConfig config;
    private final Function<String, List<String>> helperCommand;

    public CredentialStore(DockerConfig config) {
        this(config, helper -> List.of("docker-credential-" + helper, "get"));
    }

    /** @param helperCommand the command line that runs a helper's {@code get}, by the helper's name */
    public CredentialStore(DockerConfig config, Function<String, List<String>> helperCommand) {
        this.config = config;
        this.helperCommand = helperCommand;
    }

    public DockerConfig config() {
        return config;
    }

    public Optional<RegistryCredentials> lookup(String registry) {
        for (String key : keys(registry)) {
            Optional<RegistryCredentials> inline = config.inlineCredentials(key);
            if (inline.isPresent()) {
                return inline;
            }
        }
        Optional<String> helper = config.credentialHelper(registry);
        return helper.flatMap(name -> fromHelper(helperCommand.apply(name), registry));
    }

    /** Docker keys Docker Hub by its old index URL; other registries by host[:port], sometimes with a scheme. */
    private static List<String> keys(String registry) {
        if (registry.equals(ImageReference.DOCKER_HUB)) {
            return List.of("https://index.docker.io/v1/", "docker.io", "index.docker.io");
        }
        return List.of(registry, "https://" + registry, "http://" + registry);
    }

    private static Optional<RegistryCredentials> fromHelper(List<String> command, String registry) {
        String program = command.get(0);
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(registry.getBytes(StandardCharsets.UTF_8));
            }
            byte[] out;
            try (InputStream stdout = process.getInputStream()) {
                out = stdout.readAllBytes();
            }
            if (!process.waitFor(HELPER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new RegistryException(RegistryException.Kind.AUTHENTICATION, 0,
                        program + " did not answer within " + HELPER_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                return Optional.empty(); // "credentials not found in native keychain": anonymous
            }
            JsonNode answer = JSON.readTree(out);
            String user = answer.path("Username").asText("");
            String secret = answer.path("Secret").asText("");
            if (secret.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new RegistryCredentials(user, secret));
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Kind.AUTHENTICATION,
                    "the docker config names the credential helper " + program + " for " + registry
                            + ", but it could not be run (" + e.getMessage() + "); install it or remove it from "
                            + "credHelpers/credsStore", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(RegistryException.Kind.AUTHENTICATION, "interrupted while asking " + program, e);
        }
    }
}
