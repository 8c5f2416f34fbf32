package dev.berth.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IAM store contract on the embedded SQLite database, reached through the metadata store that owns it. */
class SqliteIamStoreTest extends IamStoreContract {

    @TempDir
    Path dir;

    private JdbcMetadataStore metadata;

    @Override
    protected IamStore open() {
        metadata = JdbcMetadataStore.sqlite(dir.resolve("data/metadata.db"));
        return metadata.iamStore();
    }

    @Override
    protected IamStore reopen() {
        metadata.close();
        return open();
    }

    @AfterEach
    void closeStore() {
        metadata.close();
    }

    @Test
    void theIamStoreIsTheMetadataStoresOwn() {
        assertThat(metadata.iamStore()).isSameAs(store);
    }

    @Test
    void aStandaloneStoreOnTheSameDatabaseSeesTheSameRows() {
        store.createRole(role("gha", "/"));

        IamStore standalone = JdbcIamStore.open(metadata.dataSource(), Dialect.SQLITE);

        assertThat(standalone.findRole("gha")).isPresent();
    }

    @Test
    void theSchemaRefusesToDeleteARoleThatStillHasPolicies() throws SQLException {
        store.createRole(role("gha", "/"));
        store.putRolePolicy("gha", "push", PERMISSIONS);

        try (Connection c = metadata.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM iam_roles WHERE name_key = 'gha'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("FOREIGN KEY");
        }
    }
}
