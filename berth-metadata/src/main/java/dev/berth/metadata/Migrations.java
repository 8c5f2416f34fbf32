package dev.berth.metadata;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Brings a database to the newest schema with Flyway: the versioned files in {@code db/migration}, applied in
 * order, each in its own transaction, recorded in {@code flyway_schema_history}. Applied files are checksummed;
 * an edited one stops the store from opening. Idempotent: a current database is left as it is.
 * See docs/adr/0002-migrations.md.
 */
final class Migrations {
    static final String LOCATION = "classpath:db/migration";

    private Migrations() {}

    /** Applies pending migrations; throws {@link MetadataException} when the database cannot be migrated. */
    static void migrate(DataSource dataSource, Dialect dialect) {
        try {
            Flyway.configure(Migrations.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(LOCATION)
                    .placeholders(dialect.migrationPlaceholders())
                    .failOnMissingLocations(true)
                    .loggers("slf4j")   // like the rest of Berth; auto-detection falls back to JUL without a provider
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new MetadataException("migrating the metadata database failed: " + e.getMessage(), e);
        }
    }
}
