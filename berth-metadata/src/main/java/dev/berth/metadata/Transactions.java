package dev.berth.metadata;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Runs units of JDBC work: reads on an auto-commit connection (each statement sees a consistent snapshot), writes
 * in one transaction each that is committed before {@link #write} returns, or rolled back and reported as a
 * {@link MetadataException}.
 *
 * <p>When the dialect has a single writer (SQLite), writers first take a fair in-process lock, so they queue
 * in arrival order without holding a pooled connection (readers keep finding free connections during a push
 * storm) and never meet each other inside SQLite's sleeping busy handler; the database's own busy timeout then
 * only matters for other processes. A writer that waits longer than {@link #WRITE_QUEUE_TIMEOUT} for its turn
 * fails rather than queueing without bound. Thread-safe.
 */
final class Transactions {

    /** Work on a connection; may throw {@link SQLException}, which becomes a {@link MetadataException}. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** The longest a writer waits for its turn in the in-process queue (the pool's connection timeout). */
    static final Duration WRITE_QUEUE_TIMEOUT = Duration.ofSeconds(30);

    private final DataSource dataSource;
    private final Lock writeGate;
    private final Dialect dialect;

    Transactions(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.writeGate = dialect.serializesWrites() ? new ReentrantLock(true) : null;
    }

    /** Runs read-only work in auto-commit mode: a single statement is atomic, several are not. */
    <T> T read(String operation, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new MetadataException(operation + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs work in one transaction; durable when this returns, nothing of it visible when it throws. */
    <T> T write(String operation, Work<T> work) {
        awaitTurn(operation);
        try (Connection connection = dataSource.getConnection()) {
            return inTransaction(connection, work);
        } catch (SQLException e) {
            throw new MetadataException(operation + " failed: " + e.getMessage(), e);
        } finally {
            if (writeGate != null) {
                writeGate.unlock();
            }
        }
    }

    /**
     * Runs work in one transaction that need not survive a crash, only be visible to every reader once this returns:
     * its commit skips the fsync (SQLite: {@code synchronous=NORMAL} for this commit, then back to FULL;
     * PostgreSQL: {@code synchronous_commit} off for this transaction). A later durable commit persists it anyway.
     * For bookkeeping whose loss in a crash is harmless, such as a hold on a blob being written by a request the
     * crash ends too.
     */
    <T> T writeUnsynced(String operation, Work<T> work) {
        awaitTurn(operation);
        try (Connection connection = dataSource.getConnection()) {
            if (dialect == Dialect.SQLITE) {
                pragma(connection, "PRAGMA synchronous = NORMAL");
                try {
                    return inTransaction(connection, work);
                } finally {
                    pragma(connection, "PRAGMA synchronous = FULL");
                }
            }
            return inTransaction(connection, c -> {
                pragma(c, "SET LOCAL synchronous_commit TO OFF");
                return work.run(c);
            });
        } catch (SQLException e) {
            throw new MetadataException(operation + " failed: " + e.getMessage(), e);
        } finally {
            if (writeGate != null) {
                writeGate.unlock();
            }
        }
    }

    private static void pragma(Connection connection, String statement) throws SQLException {
        try (java.sql.Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }

    private void awaitTurn(String operation) {
        if (writeGate == null) {
            return;
        }
        try {
            if (!writeGate.tryLock(WRITE_QUEUE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new MetadataException(operation + " failed: no turn to write within " + WRITE_QUEUE_TIMEOUT,
                        null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetadataException(operation + " was interrupted while waiting to write", e);
        }
    }

    private static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
        // With sqlite-jdbc's transaction_mode=IMMEDIATE this issues BEGIN IMMEDIATE: the write lock is taken
        // here, waiting up to busy_timeout, rather than on the first write, where an upgrade could fail at once.
        connection.setAutoCommit(false);
        T result;
        try {
            result = work.run(connection);
            connection.commit();
        } catch (SQLException | RuntimeException | Error e) {
            try {
                connection.rollback();
                connection.setAutoCommit(true);
            } catch (SQLException cleanupFailure) {
                e.addSuppressed(cleanupFailure);
            }
            throw e;
        }
        // sqlite-jdbc opens the next transaction right after commit; returning to auto-commit ends that empty
        // transaction, so an idle pooled connection never holds SQLite's write lock.
        connection.setAutoCommit(true);
        return result;
    }
}
