-- Background work shared by every node (lifecycle runs, scans, garbage collection) and the audit trail. Same
-- conventions as V1..V5: standard SQL, times as epoch milliseconds, no booleans, JSON as text.

-- A job is leased: the node that claims it owns it until lease_expires_at and renews the lease while it works; a
-- job whose lease ran out (its node died) is claimed again by another. At most one pending job (QUEUED or
-- RUNNING) per kind and subject, so asking twice for the same work queues it once.
-- state: QUEUED | RUNNING | DONE | FAILED. subject: what the job works on (a repository, an image, "registry").
CREATE TABLE jobs (
    id               ${id_column},
    kind             VARCHAR(64) NOT NULL,
    subject          VARCHAR(1024) ${byte_order} NOT NULL,
    payload          TEXT,
    state            VARCHAR(16) NOT NULL,
    run_after        BIGINT NOT NULL,
    lease_owner      VARCHAR(255),
    lease_expires_at BIGINT,
    attempts         INTEGER NOT NULL,
    last_error       TEXT,
    created_at       BIGINT NOT NULL,
    finished_at      BIGINT
);
CREATE UNIQUE INDEX jobs_one_pending ON jobs (kind, subject) WHERE state IN ('QUEUED', 'RUNNING');
CREATE INDEX jobs_due ON jobs (state, run_after);
CREATE INDEX jobs_by_subject ON jobs (kind, subject, id);

-- Who did what, when: one row per action that changed the registry (the actor is the caller's ARN, or the
-- component acting on its own such as "berth:lifecycle"); detail is a JSON object.
CREATE TABLE audit_events (
    id         ${id_column},
    at         BIGINT NOT NULL,
    actor      VARCHAR(2048) NOT NULL,
    action     VARCHAR(128) NOT NULL,
    repository VARCHAR(255) ${byte_order},
    target     VARCHAR(1024),
    detail     TEXT NOT NULL
);
CREATE INDEX audit_events_by_time ON audit_events (at, id);
CREATE INDEX audit_events_by_repository ON audit_events (repository, at, id);
