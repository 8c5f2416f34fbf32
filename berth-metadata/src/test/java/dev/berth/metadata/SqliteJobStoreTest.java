package dev.berth.metadata;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The job store and audit log contract on the embedded SQLite store. */
class SqliteJobStoreTest extends JobStoreContract {

    @TempDir
    Path dir;

    @Override
    protected JdbcMetadataStore open() {
        return JdbcMetadataStore.sqlite(dir.resolve("metadata.db"));
    }
}
