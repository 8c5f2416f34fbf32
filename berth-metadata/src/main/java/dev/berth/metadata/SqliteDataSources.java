package dev.berth.metadata;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The connection pool for the embedded SQLite database. Every connection gets the same settings:
 * <ul>
 *   <li>{@code journal_mode=WAL}: readers never block the writer nor each other;
 *   <li>{@code synchronous=FULL}: the WAL is fsynced at every commit, so an acknowledged write survives a
 *       kill -9 and a power loss (NORMAL would only survive the former);
 *   <li>{@code busy_timeout}: a writer waits for another process's write lock instead of failing;
 *   <li>{@code foreign_keys=ON}: SQLite enforces the schema's references (it is off by default);
 *   <li>{@code transaction_mode=IMMEDIATE}: a write transaction takes the write lock when it begins.
 * </ul>
 */
final class SqliteDataSources {
    static final int BUSY_TIMEOUT_MILLIS = 10_000;
    /** Readers run in parallel under WAL; writers queue in {@link Transactions}, so a few connections suffice. */
    static final int POOL_SIZE = 8;

    private SqliteDataSources() {}

    static HikariDataSource open(Path databaseFile) {
        Path file = databaseFile.toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of " + file, e);
        }
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        sqlite.enforceForeignKeys(true);
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource driver = new SQLiteDataSource(sqlite);
        driver.setUrl("jdbc:sqlite:" + file);

        HikariConfig pool = new HikariConfig();
        pool.setDataSource(driver);
        pool.setPoolName("berth-metadata-sqlite");
        pool.setMaximumPoolSize(POOL_SIZE);
        pool.setAutoCommit(true);
        return new HikariDataSource(pool);
    }
}
