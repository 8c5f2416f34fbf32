package dev.berth.cli.login;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The saved logins, one JSON file per registry ({@code <dir>/logins/<host>_<port>.json}), in a directory of mode
 * 0700 with files of mode 0600, replaced atomically: they hold a role session and a registry password, secrets of the
 * same weight and lifetime as the ones docker keeps in its own {@code config.json}. A file that cannot be parsed
 * counts as no login (the next {@code berth login} replaces it).
 */
public final class LoginStore {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path dir;

    public LoginStore(Path berthConfigDir) {
        this.dir = berthConfigDir.resolve("logins");
    }

    public Path fileFor(String host) {
        return dir.resolve(host.replace(':', '_').replace('/', '_') + ".json");
    }

    public Optional<SavedLogin> find(String host) {
        Path file = fileFor(host);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), SavedLogin.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Every saved login that can be read. */
    public List<SavedLogin> all() {
        List<SavedLogin> logins = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return logins;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path file : files) {
                try {
                    logins.add(JSON.readValue(file.toFile(), SavedLogin.class));
                } catch (IOException e) {
                    // unreadable: as if absent
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return logins;
    }

    public void save(String host, SavedLogin login) {
        try {
            Files.createDirectories(dir);
            ownerOnly(dir, "rwx------");
            Path temp = Files.createTempFile(dir, ".login", ".tmp");
            try {
                ownerOnly(temp, "rw-------");
                Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(login));
                try {
                    Files.move(temp, fileFor(host), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, fileFor(host), StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the login for " + host + " in " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    /** Forgets the login for {@code host}; true if there was one. */
    public boolean remove(String host) {
        try {
            return Files.deleteIfExists(fileFor(host));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + fileFor(host) + ": " + e.getMessage(), e);
        }
    }

    private static void ownerOnly(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the user's profile directory protects it
        }
    }
}
