package dev.berth.metadata;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The audit trail: append-only, read newest first. */
public interface AuditLog {

    /** Appends an event in its own transaction. */
    void record(AuditEvent event);

    /** Appends events in one transaction, in order. */
    void recordAll(List<AuditEvent> events);

    /**
     * Events newest first, optionally of one repository, older than the event {@code beforeId} (a cursor: 0 for
     * the newest), at most {@code limit}.
     */
    List<AuditEvent> list(Optional<String> repository, Optional<Instant> since, long beforeId, int limit);
}
