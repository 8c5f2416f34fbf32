package dev.berth.metadata;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The ECR store contract on the embedded SQLite store. */
class SqliteEcrStoreTest extends EcrStoreContract {

    @TempDir
    Path dir;

    @Override
    protected MetadataStore open() {
        return JdbcMetadataStore.sqlite(dir.resolve("metadata.db"));
    }

    @Override
    protected EcrStore ecrOf(MetadataStore store) {
        return ((JdbcMetadataStore) store).ecrStore();
    }
}
