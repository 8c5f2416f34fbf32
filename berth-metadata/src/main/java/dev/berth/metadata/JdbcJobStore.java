package dev.berth.metadata;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link JobStore} over JDBC, on the {@code jobs} table of schema V6. A claim is a compare-and-set: the UPDATE
 * repeats the "due" condition, so of two nodes racing for one job exactly one changes the row (on PostgreSQL the
 * second UPDATE re-checks the condition after the first commits; SQLite runs one writer at a time). Thread-safe.
 */
final class JdbcJobStore implements JobStore {
    private static final String COLUMNS = "id, kind, subject, payload, state, run_after, lease_owner, lease_expires_at,"
            + " attempts, last_error, created_at, finished_at";
    private static final String DUE = "((state = 'QUEUED' AND run_after <= ?) OR (state = 'RUNNING' AND lease_expires_at < ?))";

    private final Transactions transactions;

    JdbcJobStore(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Job enqueue(String kind, String subject, String payloadOrNull, Instant runAfter, Instant now) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        return transactions.write("enqueueJob", c -> {
            Optional<Job> pending = Sql.first(c, "SELECT " + COLUMNS + " FROM jobs WHERE kind = ? AND subject = ?"
                    + " AND state IN ('QUEUED', 'RUNNING')", JdbcJobStore::job, kind, subject);
            if (pending.isPresent()) {
                Job job = pending.get();
                if (job.state() == JobState.QUEUED && job.runAfter().isAfter(runAfter)) {
                    Sql.update(c, "UPDATE jobs SET run_after = ? WHERE id = ?", runAfter.toEpochMilli(), job.id());
                    return find(c, job.id()).orElseThrow();
                }
                return job;
            }
            Sql.update(c, "INSERT INTO jobs (kind, subject, payload, state, run_after, attempts, created_at)"
                    + " VALUES (?, ?, ?, 'QUEUED', ?, 0, ?)", kind, subject, payloadOrNull, runAfter.toEpochMilli(),
                    now.toEpochMilli());
            return Sql.first(c, "SELECT " + COLUMNS + " FROM jobs WHERE kind = ? AND subject = ?"
                    + " AND state = 'QUEUED'", JdbcJobStore::job, kind, subject).orElseThrow();
        });
    }

    @Override
    public Optional<Job> claim(Collection<String> kinds, String owner, Instant now, Duration lease) {
        if (kinds.isEmpty()) {
            return Optional.empty();
        }
        long at = now.toEpochMilli();
        long until = now.plus(lease).toEpochMilli();
        return transactions.write("claimJob", c -> {
            List<Object> params = new ArrayList<>(kinds);
            params.add(at);
            params.add(at);
            List<Long> candidates = Sql.list(c, "SELECT id FROM jobs WHERE kind IN (" + Sql.markers(kinds.size())
                    + ") AND " + DUE + " ORDER BY run_after, id LIMIT 8", row -> row.getLong(1), params.toArray());
            for (long id : candidates) {
                int changed = Sql.update(c, "UPDATE jobs SET state = 'RUNNING', lease_owner = ?, lease_expires_at = ?,"
                        + " attempts = attempts + 1 WHERE id = ? AND " + DUE, owner, until, id, at, at);
                if (changed == 1) {
                    return find(c, id);
                }
            }
            return Optional.empty();
        });
    }

    @Override
    public boolean renew(long id, String owner, Instant leaseExpiresAt) {
        return transactions.write("renewJob", c -> Sql.update(c, "UPDATE jobs SET lease_expires_at = ?"
                + " WHERE id = ? AND state = 'RUNNING' AND lease_owner = ?", leaseExpiresAt.toEpochMilli(), id, owner) == 1);
    }

    @Override
    public boolean complete(long id, String owner, Instant now, String resultOrNull) {
        return transactions.write("completeJob", c -> Sql.update(c, "UPDATE jobs SET state = 'DONE', finished_at = ?,"
                + " lease_owner = NULL, lease_expires_at = NULL, last_error = NULL, result = ?"
                + " WHERE id = ? AND state = 'RUNNING' AND lease_owner = ?", now.toEpochMilli(), resultOrNull, id,
                owner) == 1);
    }

    @Override
    public Optional<String> result(long id) {
        return transactions.read("jobResult", c -> Sql.first(c,
                "SELECT result FROM jobs WHERE id = ? AND state = 'DONE'", row -> Optional.ofNullable(
                        row.getString(1)), id)).flatMap(r -> r);
    }

    @Override
    public boolean fail(long id, String owner, String error, Optional<Instant> retryAt, Instant now) {
        String message = error == null ? "unknown error" : error.length() > 4000 ? error.substring(0, 4000) : error;
        return transactions.write("failJob", c -> retryAt.isPresent()
                ? Sql.update(c, "UPDATE jobs SET state = 'QUEUED', run_after = ?, last_error = ?, lease_owner = NULL,"
                        + " lease_expires_at = NULL WHERE id = ? AND state = 'RUNNING' AND lease_owner = ?",
                        retryAt.get().toEpochMilli(), message, id, owner) == 1
                : Sql.update(c, "UPDATE jobs SET state = 'FAILED', finished_at = ?, last_error = ?, lease_owner = NULL,"
                        + " lease_expires_at = NULL WHERE id = ? AND state = 'RUNNING' AND lease_owner = ?",
                        now.toEpochMilli(), message, id, owner) == 1);
    }

    @Override
    public Optional<Job> find(long id) {
        return transactions.read("findJob", c -> find(c, id));
    }

    @Override
    public Optional<Job> latest(String kind, String subject) {
        return transactions.read("latestJob", c -> Sql.first(c, "SELECT " + COLUMNS + " FROM jobs"
                + " WHERE kind = ? AND subject = ? ORDER BY id DESC LIMIT 1", JdbcJobStore::job, kind, subject));
    }

    @Override
    public int purgeFinished(Instant before) {
        return transactions.write("purgeJobs", c -> Sql.update(c,
                "DELETE FROM jobs WHERE state IN ('DONE', 'FAILED') AND finished_at < ?", before.toEpochMilli()));
    }

    private static Optional<Job> find(Connection c, long id) throws SQLException {
        return Sql.first(c, "SELECT " + COLUMNS + " FROM jobs WHERE id = ?", JdbcJobStore::job, id);
    }

    private static Job job(ResultSet row) throws SQLException {
        return new Job(row.getLong("id"), row.getString("kind"), row.getString("subject"),
                Optional.ofNullable(row.getString("payload")), JobState.valueOf(row.getString("state")),
                Instant.ofEpochMilli(row.getLong("run_after")), Optional.ofNullable(row.getString("lease_owner")),
                optionalInstant(row, "lease_expires_at"), row.getInt("attempts"),
                Optional.ofNullable(row.getString("last_error")), Instant.ofEpochMilli(row.getLong("created_at")),
                optionalInstant(row, "finished_at"));
    }

    private static Optional<Instant> optionalInstant(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(value));
    }
}
