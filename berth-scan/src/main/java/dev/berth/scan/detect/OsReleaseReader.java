package dev.berth.scan.detect;

import dev.berth.scan.OsRelease;
import dev.berth.scan.layer.ImageFile;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the distribution from {@code /etc/os-release}, or from {@code /usr/lib/os-release} when the former is
 * absent or a symbolic link (usually to the latter), per os-release(5). Not thread-safe.
 */
public final class OsReleaseReader {
    static final String ETC = "/etc/os-release";
    static final String USR_LIB = "/usr/lib/os-release";
    private static final int LIMIT = 64 * 1024;

    private Optional<OsRelease> etc = Optional.empty();
    private Optional<OsRelease> usrLib = Optional.empty();

    public boolean wants(ImageFile file) {
        return file.path().equals(ETC) || file.path().equals(USR_LIB);
    }

    public void read(ImageFile file, InputStream content) throws IOException {
        Optional<OsRelease> release = Optional.of(parse(TextFiles.readSmall(content, LIMIT)));
        if (file.path().equals(ETC)) {
            etc = release;
        } else {
            usrLib = release;
        }
    }

    public Optional<OsRelease> release() {
        return etc.isPresent() ? etc : usrLib;
    }

    /** Parses os-release text: {@code KEY=value} lines, values optionally quoted with shell-style escapes. */
    public static OsRelease parse(String text) {
        Map<String, String> fields = new HashMap<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            int equals = trimmed.indexOf('=');
            if (trimmed.isEmpty() || trimmed.startsWith("#") || equals <= 0) {
                continue;
            }
            fields.put(trimmed.substring(0, equals), unquote(trimmed.substring(equals + 1)));
        }
        String id = fields.getOrDefault("ID", "").toLowerCase(Locale.ROOT);
        return new OsRelease(id, fields.getOrDefault("VERSION_ID", ""), fields.getOrDefault("PRETTY_NAME", ""));
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            char quote = value.charAt(0);
            String inner = value.substring(1, value.length() - 1);
            if (quote == '\'') {
                return inner;
            }
            StringBuilder unescaped = new StringBuilder(inner.length());
            for (int i = 0; i < inner.length(); i++) {
                char c = inner.charAt(i);
                if (c == '\\' && i + 1 < inner.length()) {
                    c = inner.charAt(++i);
                }
                unescaped.append(c);
            }
            return unescaped.toString();
        }
        return value;
    }
}
