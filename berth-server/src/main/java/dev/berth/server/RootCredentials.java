package dev.berth.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import dev.berth.identity.IamIds;
import java.util.Properties;

/**
 * The account's root access key: from {@code BERTH_ROOT_ACCESS_KEY_ID} / {@code BERTH_ROOT_SECRET_ACCESS_KEY} when
 * both are set, else from {@code <data>/root-credentials} (mode 0600), generated on first start and printed once.
 *
 * @param created whether this start generated the key (the caller prints it, once)
 */
public record RootCredentials(String accessKeyId, String secretAccessKey, boolean created) {
    private static final String FILE = "root-credentials";

    public RootCredentials {
        if (!accessKeyId.matches("[A-Z0-9]{16,128}")) {
            throw new Config.ConfigException("BERTH_ROOT_ACCESS_KEY_ID", "must be 16-128 upper-case letters and digits");
        }
        if (secretAccessKey.length() < 16 || secretAccessKey.contains(":")) {
            throw new Config.ConfigException("BERTH_ROOT_SECRET_ACCESS_KEY", "must be at least 16 characters, without ':'");
        }
    }

    public static RootCredentials load(Path dataDir, String envKeyId, String envSecret) throws IOException {
        if (envKeyId != null && !envKeyId.isBlank() && envSecret != null && !envSecret.isBlank()) {
            return new RootCredentials(envKeyId.trim(), envSecret.trim(), false);
        }
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            }
            return new RootCredentials(p.getProperty("aws_access_key_id", ""), p.getProperty("aws_secret_access_key", ""),
                    false);
        }
        RootCredentials generated = new RootCredentials(IamIds.accessKeyId(), IamIds.secretAccessKey(), true);
        Path tmp = dataDir.resolve(FILE + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, "aws_access_key_id=" + generated.accessKeyId + "\naws_secret_access_key="
                + generated.secretAccessKey + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE);
        try (var ch = java.nio.channels.FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return generated;
    }

    @Override
    public String toString() {
        return "RootCredentials[" + accessKeyId + ", secret hidden]";
    }
}
