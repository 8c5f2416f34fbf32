-- The vulnerability database (OSV advisories imported by `berth vulndb import`), shared by every node. Same
-- conventions as V1..V5: standard SQL for SQLite and PostgreSQL, times as epoch milliseconds, ${byte_order} on
-- text keys, documents as text.

-- One row per advisory: its OSV id, `modified` time, the ecosystems its affected packages are in (comma-separated,
-- for the status summary) and the OSV JSON as imported. Matching reads the documents; nothing queries inside them.
CREATE TABLE vulndb_advisories (
    id         VARCHAR(256) ${byte_order} NOT NULL PRIMARY KEY,
    modified   BIGINT NOT NULL,
    ecosystems TEXT NOT NULL,
    document   TEXT NOT NULL
);

-- The database's revision: one row, bumped by every import in the transaction that publishes it, so readers can
-- cache what they derive from the advisories (the matching index) per revision.
CREATE TABLE vulndb_revision (
    singleton   INTEGER NOT NULL PRIMARY KEY,
    revision    BIGINT NOT NULL,
    imported_at BIGINT NOT NULL
);
INSERT INTO vulndb_revision (singleton, revision, imported_at) VALUES (1, 0, 0);

-- An import in progress: advisories are written here in short batches (so a long import never holds the single
-- SQLite write lock for long), then published into vulndb_advisories in one transaction. A NULL document marks a
-- withdrawn advisory, to be deleted on publication. Rows of an import that died
-- (started more than a day earlier) are swept when the next one begins.
CREATE TABLE vulndb_staging (
    import_id  VARCHAR(64) ${byte_order} NOT NULL,
    id         VARCHAR(256) ${byte_order} NOT NULL,
    modified   BIGINT NOT NULL,
    ecosystems TEXT NOT NULL,
    document   TEXT,
    started_at BIGINT NOT NULL,
    PRIMARY KEY (import_id, id)
);
