package dev.berth.registry.gc;

import dev.berth.metadata.JdbcMetadataStore;
import dev.berth.oci.Digest;
import dev.berth.oci.DigestAlgorithm;
import dev.berth.storage.FsBlobStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The garbage collection benchmark (issue 5: 100,000 unreferenced blobs on the file system store in under 60 s).
 * Not a test: run by hand (docs/benchmarks.md, "Garbage collection"):
 * <pre>
 *   mvn -q -pl berth-registry -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt \
 *       -Dmdep.includeScope=test
 *   java -cp berth-registry/target/test-classes:$(cat /tmp/cp.txt) dev.berth.registry.gc.GcBenchmark [dir] [n] [kept]
 * </pre>
 * Sets up, outside the timed part: {@code n} blobs in the store's layout (small files, written directly, not
 * synced, with the store's clock behind by more than the grace period), each linked long ago in one repository
 * and used by no manifest (what deleting images leaves), plus {@code kept} blobs that a manifest uses. Then times
 * one {@link GarbageCollector#collect} pass, which removes the {@code n} links, asks the metadata store about every
 * blob, and deletes the {@code n} unreferenced ones; and checks the figures.
 */
public final class GcBenchmark {
    private GcBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("berth-gc-bench-");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int kept = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        Duration grace = Duration.ofHours(24);
        OffsetClock clock = new OffsetClock();
        try {
            long bytes = setUp(dir, n, kept, clock.instant().minus(grace).minusSeconds(3600).toEpochMilli());
            clock.advance(grace.plusMinutes(1));
            try (FsBlobStore blobs = new FsBlobStore(dir.resolve("blobs"), clock);
                 JdbcMetadataStore metadata = JdbcMetadataStore.sqlite(dir.resolve("metadata.db"))) {
                GarbageCollector gc = new GarbageCollector(blobs, metadata, metadata.auditLog(),
                        new GcSettings(grace, Duration.ofHours(24)), clock);
                long start = System.nanoTime();
                GcReport report = gc.collect();
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.printf("blobs=%d kept=%d elapsed_ms=%d deleted=%d freed_bytes=%d links_removed=%d"
                                + " kept_reported=%d%n", n, kept, millis, report.blobsDeleted(), report.bytesFreed(),
                        report.linksRemoved(), report.blobsKept());
                if (report.blobsDeleted() != n || report.bytesFreed() != bytes || report.linksRemoved() != n
                        || report.blobsKept() != kept) {
                    System.err.println("unexpected figures: " + report.toJson());
                    System.exit(1);
                }
            }
        } finally {
            if (args.length == 0) {
                try (Stream<Path> paths = Files.walk(dir)) {
                    for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    /** Writes the blobs and the rows; returns the unreferenced blobs' total size. */
    private static long setUp(Path dir, int n, int kept, long longAgo) throws Exception {
        Path root = dir.resolve("blobs");
        new FsBlobStore(root).close(); // creates the layout
        JdbcMetadataStore.sqlite(dir.resolve("metadata.db")).close(); // migrates
        long total = 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("metadata.db"))) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO repositories (name, created_at) VALUES ('bench/app', " + longAgo + ")");
                s.executeUpdate("INSERT INTO manifests (repository_id, digest, media_type, size, pushed_at)"
                        + " VALUES (1, 'sha256:" + "0".repeat(64) + "', 'application/vnd.oci.image.manifest.v1+json',"
                        + " 1, " + longAgo + ")");
            }
            try (PreparedStatement link = c.prepareStatement("INSERT INTO repository_blobs (repository_id, digest,"
                    + " size, linked_at) VALUES (1, ?, ?, ?)");
                 PreparedStatement use = c.prepareStatement("INSERT INTO manifest_blobs (repository_id,"
                         + " manifest_digest, blob_digest) VALUES (1, 'sha256:" + "0".repeat(64) + "', ?)")) {
                for (int i = 0; i < n + kept; i++) {
                    byte[] content = ("blob " + i + " " + "x".repeat(i % 200)).getBytes(StandardCharsets.UTF_8);
                    Digest digest = Digest.compute(DigestAlgorithm.SHA256, content);
                    Path file = root.resolve("blobs/sha256").resolve(digest.hex().substring(0, 2)).resolve(digest.hex());
                    Files.createDirectories(file.getParent());
                    Files.write(file, content);
                    link.setString(1, digest.toString());
                    link.setLong(2, content.length);
                    link.setLong(3, longAgo);
                    link.addBatch();
                    if (i >= n) {
                        use.setString(1, digest.toString());
                        use.addBatch();
                    } else {
                        total += content.length;
                    }
                }
                link.executeBatch();
                use.executeBatch();
            }
            c.commit();
        }
        return total;
    }
}
