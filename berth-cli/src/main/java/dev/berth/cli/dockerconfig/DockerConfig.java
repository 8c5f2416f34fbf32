package dev.berth.cli.dockerconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;

/**
 * The docker client configuration file ({@code config.json}) as docker, podman, skopeo and the berth commands share
 * it: credentials inline under {@code auths}, or delegated to a credential helper ({@code credHelpers} per registry,
 * {@code credsStore} for all). Writes keep every key this class does not know, and replace the file atomically with
 * mode 0600, since it holds secrets.
 */
public final class DockerConfig {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    private DockerConfig(Path file) {
        this.file = file;
    }

    public static DockerConfig at(Path file) {
        return new DockerConfig(file);
    }

    public Path file() {
        return file;
    }

    /** The inline credentials for {@code registry} (a host[:port], as docker keys them), if any. */
    public Optional<RegistryCredentials> inlineCredentials(String registry) {
        JsonNode auth = read().path("auths").path(registry).path("auth");
        if (!auth.isTextual()) {
            return Optional.empty();
        }
        String decoded = new String(Base64.getDecoder().decode(auth.asText()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        return Optional.of(new RegistryCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    /**
     * The credential helper docker would ask for {@code registry}: its {@code credHelpers} entry, else
     * {@code credsStore}. The helper program is {@code docker-credential-<name>}.
     */
    public Optional<String> credentialHelper(String registry) {
        ObjectNode root = read();
        JsonNode perRegistry = root.path("credHelpers").path(registry);
        if (perRegistry.isTextual() && !perRegistry.asText().isEmpty()) {
            return Optional.of(perRegistry.asText());
        }
        JsonNode store = root.path("credsStore");
        return store.isTextual() && !store.asText().isEmpty() ? Optional.of(store.asText()) : Optional.empty();
    }

    /** Stores inline credentials for {@code registry}, keeping everything else in the file. */
    public void storeInline(String registry, RegistryCredentials credentials) {
        ObjectNode root = read();
        String auth = Base64.getEncoder().encodeToString(
                (credentials.username() + ":" + credentials.secret()).getBytes(StandardCharsets.UTF_8));
        root.withObject("/auths").withObject("/" + escapePointer(registry)).put("auth", auth);
        write(root);
    }

    /** Routes {@code registry} to the credential helper {@code docker-credential-<helper>}; drops inline credentials. */
    public void useCredentialHelper(String registry, String helper) {
        ObjectNode root = read();
        root.withObject("/credHelpers").put(registry, helper);
        JsonNode auths = root.path("auths");
        if (auths instanceof ObjectNode object) {
            object.remove(registry);
        }
        write(root);
    }

    /** Removes inline credentials for {@code registry}; true if there were some. */
    public boolean removeInline(String registry) {
        ObjectNode root = read();
        JsonNode auths = root.path("auths");
        if (auths instanceof ObjectNode object && object.remove(registry) != null) {
            write(root);
            return true;
        }
        return false;
    }

    private ObjectNode read() {
        if (!Files.exists(file)) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || node.isMissingNode()) {
                return JSON.createObjectNode();
            }
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalStateException(file + " is not a JSON object");
            }
            return object;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private void write(ObjectNode root) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".config", ".json.tmp");
            try {
                setOwnerOnly(temp);
                Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void setOwnerOnly(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the user's profile directory protects it
        }
    }

    private static String escapePointer(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
