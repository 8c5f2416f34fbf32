package dev.berth.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;
import dev.berth.oci.TagMutability;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The settings contract on the embedded SQLite store, plus the upgrade of a database made before settings. */
class SqliteRepositorySettingsStoreTest extends RepositorySettingsStoreContract {

    @TempDir
    Path dir;

    @Override
    protected MetadataStore open() {
        return JdbcMetadataStore.sqlite(dir.resolve("metadata.db"));
    }

    @Override
    protected RepositorySettingsStore settingsOf(MetadataStore store) {
        return ((JdbcMetadataStore) store).repositorySettings();
    }

    @Test
    void aVersion1DatabaseUpgradesWithDefaultSettings() throws SQLException {
        Path file = dir.resolve("made-by-v1.db");
        SQLiteDataSource v1 = new SQLiteDataSource();
        v1.setUrl("jdbc:sqlite:" + file);
        Flyway.configure(getClass().getClassLoader()).dataSource(v1).locations(Migrations.LOCATION)
                .placeholders(Dialect.SQLITE.migrationPlaceholders()).loggers("slf4j").target("1").load().migrate();
        try (Connection c = v1.getConnection(); Statement sql = c.createStatement()) {
            sql.executeUpdate("INSERT INTO repositories (name, created_at) VALUES ('team/old', 1234)");
        }

        RepositoryName old = RepositoryName.parse("team/old");
        try (JdbcMetadataStore upgraded = JdbcMetadataStore.sqlite(file)) {
            RepositorySettingsStore upgradedSettings = upgraded.repositorySettings();
            assertThat(upgradedSettings.find(old))
                    .contains(RepositorySettings.defaults(old, null, Instant.ofEpochMilli(1234)));
            assertThat(upgradedSettings.resourceTags(old)).contains(List.of());
            upgradedSettings.updateTagMutability(old, TagMutability.IMMUTABLE);
            upgraded.putManifest(MetadataStoreContract.manifest(old, "m"), List.of(), List.of(), Tag.parse("v1"));
            assertThat(upgraded.resolveTag(old, Tag.parse("v1"))).isPresent();
        }
    }
}
