package dev.berth.metadata;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link AuditLog} over JDBC, on the {@code audit_events} table of schema V6. Other stores append events inside
 * their own transactions with {@link #insert}, so a change and its audit record commit together. Thread-safe.
 */
final class JdbcAuditLog implements AuditLog {
    private static final String INSERT =
            "INSERT INTO audit_events (at, actor, action, repository, target, detail) VALUES (?, ?, ?, ?, ?, ?)";
    private final Transactions transactions;

    JdbcAuditLog(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void record(AuditEvent event) {
        transactions.write("recordAuditEvent", c -> {
            insert(c, event);
            return null;
        });
    }

    @Override
    public void recordAll(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        transactions.write("recordAuditEvents", c -> {
            Sql.batch(c, INSERT, events.stream().map(JdbcAuditLog::row).toList());
            return null;
        });
    }

    /** Appends {@code event} on {@code c}, in the caller's transaction. */
    static void insert(Connection c, AuditEvent event) throws SQLException {
        Sql.update(c, INSERT, row(event));
    }

    /** Appends {@code events} on {@code c}, in the caller's transaction, as one batch. */
    static void insertAll(Connection c, List<AuditEvent> events) throws SQLException {
        Sql.batch(c, INSERT, events.stream().map(JdbcAuditLog::row).toList());
    }

    private static Object[] row(AuditEvent event) {
        return new Object[] {event.at().toEpochMilli(), event.actor(), event.action(), event.repository().orElse(null),
                event.target().orElse(null), event.detail()};
    }

    @Override
    public List<AuditEvent> list(Optional<String> repository, Optional<Instant> since, long beforeId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, at, actor, action, repository, target, detail FROM audit_events"
                + " WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (repository.isPresent()) {
            sql.append(" AND repository = ?");
            params.add(repository.get());
        }
        if (since.isPresent()) {
            sql.append(" AND at >= ?");
            params.add(since.get().toEpochMilli());
        }
        if (beforeId > 0) {
            sql.append(" AND id < ?");
            params.add(beforeId);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        params.add(limit);
        return transactions.read("listAuditEvents", c -> Sql.list(c, sql.toString(), JdbcAuditLog::event,
                params.toArray()));
    }

    private static AuditEvent event(ResultSet row) throws SQLException {
        return new AuditEvent(row.getLong("id"), Instant.ofEpochMilli(row.getLong("at")), row.getString("actor"),
                row.getString("action"), Optional.ofNullable(row.getString("repository")),
                Optional.ofNullable(row.getString("target")), row.getString("detail"));
    }
}
