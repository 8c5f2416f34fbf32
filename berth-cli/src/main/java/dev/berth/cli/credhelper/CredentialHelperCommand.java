package dev.berth.cli.credhelper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.CliException;
import dev.berth.cli.Environment;
import dev.berth.cli.ExitCode;
import dev.berth.cli.aws.AwsErrors;
import dev.berth.cli.aws.RegistryEndpoint;
import dev.berth.cli.login.LoginStore;
import dev.berth.cli.login.SavedCredentials;
import dev.berth.cli.login.SavedLogin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The docker credential-helper protocol ({@code docker-credential-berth get|store|erase|list}): the server URL or a
 * JSON object on stdin, JSON on stdout. A failure is a message on stdout and exit 1, as docker, podman and skopeo
 * expect from helpers; an unknown server is the message {@value #NOT_FOUND}, which they treat as "no credentials".
 * {@code get} renews the registry password from the saved login's AWS credentials when it expires within five
 * minutes.
 */
@Command(name = "credential-helper", mixinStandardHelpOptions = true,
        description = "The docker credential helper (docker-credential-berth): get, store, erase or list.")
public final class CredentialHelperCommand implements Callable<Integer> {
    public static final String NOT_FOUND = "credentials not found in native keychain";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "ACTION", description = "get, store, erase or list")
    String action;

    private final Environment env;
    private final Clock clock;

    public CredentialHelperCommand(Environment env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        try {
            switch (action) {
                case "get" -> get();
                case "store" -> store();
                case "erase" -> erase();
                case "list" -> list();
                default -> throw new CliException(ExitCode.USAGE, "unknown action " + action
                        + " (expected get, store, erase or list)");
            }
            return ExitCode.OK.code();
        } catch (CliException e) {
            env.out().println(e.getMessage());
            return e.exitCode() == ExitCode.USAGE ? ExitCode.USAGE.code() : ExitCode.ERROR.code();
        } catch (SdkException e) {
            env.out().println(AwsErrors.translate(e).getMessage());
            return ExitCode.ERROR.code();
        }
    }

    private void get() {
        String serverUrl = readStdin().strip();
        SavedCredentials saved = new SavedCredentials(env);
        SavedLogin login = saved.withFreshPassword(RegistryEndpoint.hostKey(serverUrl), clock.instant())
                .orElseThrow(CredentialHelperCommand::notFound);
        SavedLogin.Password password = login.currentPassword().orElseThrow(CredentialHelperCommand::notFound);
        ObjectNode answer = JSON.createObjectNode();
        answer.put("ServerURL", serverUrl);
        answer.put("Username", password.username());
        answer.put("Secret", password.secret());
        env.out().println(answer);
    }

    private void store() {
        JsonNode request = readJson();
        String serverUrl = request.path("ServerURL").asText("");
        String username = request.path("Username").asText("");
        String secret = request.path("Secret").asText("");
        if (serverUrl.isEmpty() || username.isEmpty()) {
            throw new CliException(ExitCode.ERROR, "store needs ServerURL, Username and Secret");
        }
        String host = RegistryEndpoint.hostKey(serverUrl);
        new LoginStore(env.berthConfigDir()).save(host, new SavedLogin(RegistryEndpoint.parse(host).toString(),
                null, SavedLogin.Origin.STORED, null, null, null, null, null, null, null,
                new SavedLogin.Password(username, secret, null)));
    }

    private void erase() {
        String host = RegistryEndpoint.hostKey(readStdin());
        if (!new LoginStore(env.berthConfigDir()).remove(host)) {
            throw notFound();
        }
    }

    private void list() {
        ObjectNode answer = JSON.createObjectNode();
        for (SavedLogin login : new LoginStore(env.berthConfigDir()).all()) {
            String host = RegistryEndpoint.parse(login.registry()).host();
            answer.put(host, login.currentPassword().map(SavedLogin.Password::username).orElse("AWS"));
        }
        env.out().println(answer);
    }

    private String readStdin() {
        try {
            return new String(env.in().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(ExitCode.ERROR, "cannot read stdin: " + e.getMessage(), e);
        }
    }

    private JsonNode readJson() {
        try {
            return Optional.ofNullable(JSON.readTree(readStdin())).orElseGet(JSON::createObjectNode);
        } catch (IOException e) {
            throw new CliException(ExitCode.ERROR, "stdin is not JSON: " + e.getMessage(), e);
        }
    }

    private static CliException notFound() {
        return new CliException(ExitCode.ERROR, NOT_FOUND);
    }
}
