package dev.berth.metadata;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The lifecycle store contract on the embedded SQLite store. */
class SqliteLifecycleStoreTest extends LifecycleStoreContract {

    @TempDir
    Path dir;

    @Override
    protected JdbcMetadataStore open() {
        return JdbcMetadataStore.sqlite(dir.resolve("metadata.db"));
    }
}
