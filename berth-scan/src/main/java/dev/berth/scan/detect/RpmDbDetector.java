package dev.berth.scan.detect;

import dev.berth.scan.Package;
import dev.berth.scan.layer.ImageFile;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * RPM packages from the sqlite rpm database ({@code rpmdb.sqlite}, rpm >= 4.16: Fedora 33+, RHEL/Rocky/Alma 9+).
 * SQLite opens files, not streams, so the database is spooled to a private temporary directory, read, and deleted
 * at once. The public keys rpm keeps as pseudo-packages ({@code gpg-pubkey}) are not packages.
 */
public final class RpmDbDetector implements Detector {
    static final List<String> PATHS = List.of("/var/lib/rpm/rpmdb.sqlite", "/usr/lib/sysimage/rpm/rpmdb.sqlite");
    private static final String SRC_RPM_SUFFIX = ".src.rpm";

    private record Installed(RpmHeader header, String location) {
    }

    private final Path tempDirectory;
    /** By name-epoch:version-release.arch: the same database under both of its paths (copied, not linked) counts once. */
    private final Map<String, Installed> installed = new LinkedHashMap<>();

    /** @param tempDirectory where to spool databases; must exist and be writable */
    public RpmDbDetector(Path tempDirectory) {
        this.tempDirectory = tempDirectory;
    }

    @Override
    public boolean wants(ImageFile file) {
        return PATHS.contains(file.path());
    }

    @Override
    public void read(ImageFile file, InputStream content) throws IOException {
        Path spool = Files.createTempDirectory(tempDirectory, "berth-rpmdb-");
        try {
            Path database = spool.resolve("rpmdb.sqlite");
            Files.copy(content, database);
            for (RpmHeader header : headers(database)) {
                if (!header.name().equals("gpg-pubkey")) {
                    installed.putIfAbsent(header.name() + "-" + header.evr() + "." + header.arch(),
                            new Installed(header, file.path()));
                }
            }
        } finally {
            deleteRecursively(spool);
        }
    }

    private static List<RpmHeader> headers(Path database) throws IOException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        List<RpmHeader> headers = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database, config.toProperties());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT blob FROM Packages ORDER BY hnum")) {
            while (rows.next()) {
                byte[] blob = rows.getBytes(1);
                if (blob == null) {
                    continue;
                }
                try {
                    headers.add(RpmHeader.parse(blob));
                } catch (IllegalArgumentException malformed) {
                    // One damaged header does not hide the other packages.
                }
            }
        } catch (SQLException e) {
            throw new IOException("not an rpm sqlite database: " + e.getMessage(), e);
        }
        return headers;
    }

    @Override
    public List<Package> packages(Distribution distribution) {
        String ecosystem = distribution.rpmEcosystem();
        List<Package> packages = new ArrayList<>(installed.size());
        for (Installed p : installed.values()) {
            RpmHeader h = p.header();
            Optional<String> sourceName = sourceName(h.sourceRpm());
            String sourceVersion = sourceName.isPresent()
                    ? h.epoch().map(e -> e + ":").orElse("") + sourceVersionRelease(h.sourceRpm())
                    : h.evr();
            String purl = Purl.of("rpm", h.name()).namespace(distribution.purlNamespace("redhat"))
                    .version(h.version() + "-" + h.release()).qualifier("arch", h.arch())
                    .qualifier("epoch", h.epoch().map(String::valueOf).orElse(""))
                    .qualifier("distro", distribution.purlDistro()).toString();
            packages.add(new Package(ecosystem, h.name(), h.evr(), sourceName.orElse(h.name()), sourceVersion, purl,
                    p.location()));
        }
        return packages;
    }

    /** "openssl-3.0.7-24.el9.src.rpm" → "openssl": name, version and release are split at the last two dashes. */
    static Optional<String> sourceName(String sourceRpm) {
        if (!sourceRpm.endsWith(SRC_RPM_SUFFIX)) {
            return Optional.empty();
        }
        String nvr = sourceRpm.substring(0, sourceRpm.length() - SRC_RPM_SUFFIX.length());
        int releaseDash = nvr.lastIndexOf('-');
        int versionDash = releaseDash <= 0 ? -1 : nvr.lastIndexOf('-', releaseDash - 1);
        return versionDash <= 0 ? Optional.empty() : Optional.of(nvr.substring(0, versionDash));
    }

    private static String sourceVersionRelease(String sourceRpm) {
        String nvr = sourceRpm.substring(0, sourceRpm.length() - SRC_RPM_SUFFIX.length());
        int versionDash = nvr.lastIndexOf('-', nvr.lastIndexOf('-') - 1);
        return nvr.substring(versionDash + 1);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
