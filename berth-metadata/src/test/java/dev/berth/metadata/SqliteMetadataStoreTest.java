package dev.berth.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.oci.Tag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** The contract on the embedded SQLite store, plus what only SQLite has: its pragmas and its schema history. */
class SqliteMetadataStoreTest extends MetadataStoreContract {

    @TempDir
    Path dir;

    @Override
    protected MetadataStore open() {
        return JdbcMetadataStore.sqlite(databaseFile());
    }

    private Path databaseFile() {
        return dir.resolve("data/metadata.db");   // the directory does not exist yet
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "journal_mode, wal",
            "synchronous, 2",          // FULL
            "foreign_keys, 1",
            "busy_timeout, 10000"})
    void everyPooledConnectionHasTheDurabilitySettings(String pragma, String expected) throws SQLException {
        assertThat(query(jdbc(store), "PRAGMA " + pragma)).isEqualTo(expected);
    }

    @Test
    void migrationsAreAppliedOnceAcrossReopens() throws Exception {
        reopen();
        reopen();

        assertThat(query(jdbc(store), "SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1"
                + " AND version IS NOT NULL")).isEqualTo(String.valueOf(migrationFiles()));
    }

    /** The versioned migrations on the classpath, so that adding one does not need this test changed. */
    private static long migrationFiles() throws Exception {
        Path location = Path.of(SqliteMetadataStoreTest.class.getClassLoader().getResource("db/migration").toURI());
        try (Stream<Path> files = Files.list(location)) {
            long count = files.filter(f -> f.getFileName().toString().matches("V\\d+__\\w+\\.sql")).count();
            assertThat(count).as("migration files in %s", location).isPositive();
            return count;
        }
    }

    @Test
    void deleteManifestLeavesNoReferenceRows() throws SQLException {
        ManifestRecord index = manifest(APP, "index");
        store.putManifest(index, List.of(digest("config")), List.of(digest("child-1"), digest("child-2")),
                Tag.parse("v1"));
        DataSource db = jdbc(store);
        assertThat(query(db, "SELECT COUNT(*) FROM manifest_children")).isEqualTo("2");

        store.deleteManifest(APP, index.digest());

        for (String table : List.of("manifests", "manifest_blobs", "manifest_children", "tags")) {
            assertThat(query(db, "SELECT COUNT(*) FROM " + table)).as(table).isEqualTo("0");
        }
    }

    @Test
    void aCallerSuppliedDataSourceStaysOpenAfterClose() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + dir.resolve("caller.db"));

        try (MetadataStore own = new JdbcMetadataStore(dataSource, Dialect.SQLITE)) {
            own.putManifest(manifest(APP, "m"), List.of(), List.of(), Tag.parse("v1"));
        }

        assertThat(query(dataSource, "SELECT name FROM tags")).isEqualTo("v1");
        try (MetadataStore again = new JdbcMetadataStore(dataSource, Dialect.SQLITE)) {
            assertThat(again.resolveTag(APP, Tag.parse("v1"))).contains(manifest(APP, "m"));
        }
    }

    @Test
    void twoStoresOnOneFileWaitForEachOthersWriteLock() throws Exception {
        // Each store queues its own writers; between them only SQLite's locking, BEGIN IMMEDIATE and
        // busy_timeout keep writes from failing, as they would between two processes.
        int threadsPerStore = 8;
        int rounds = 15;
        try (MetadataStore second = JdbcMetadataStore.sqlite(databaseFile())) {
            List<MetadataStore> stores = List.of(store, second);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerStore);
            try {
                List<Future<?>> results = new ArrayList<>();
                for (int t = 0; t < 2 * threadsPerStore; t++) {
                    MetadataStore writer = stores.get(t % 2);
                    int thread = t;
                    results.add(pool.submit(() -> {
                        start.await();
                        for (int r = 0; r < rounds; r++) {
                            writer.linkBlob(APP, digest("layer-" + thread + "-" + r), r, T0);
                            writer.putManifest(manifest(APP, "m-" + thread + "-" + r), List.of(), List.of(),
                                    Tag.parse("t" + thread + "-" + r));
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> result : results) {
                    result.get(2, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(second.listTags(APP, null, 1000)).hasSize(2 * threadsPerStore * rounds);
        }
    }

    private static DataSource jdbc(MetadataStore store) {
        return ((JdbcMetadataStore) store).dataSource();
    }

    private static String query(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection();
             Statement statement = c.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as("a row from %s", sql).isTrue();
            return rows.getString(1);
        }
    }
}
