-- Image scanning (issue 6): the registry's scanning configuration, each image's latest scan with what it found,
-- and the per-repository pull gate. Same conventions as V1..V6: standard SQL for SQLite and PostgreSQL, times as
-- epoch milliseconds, no booleans, ${byte_order} on text keys, JSON as text.

-- ECR's registry scanning configuration (PutRegistryScanningConfiguration), as the JSON Berth validated; no row
-- means ECR's default, BASIC without rules.
CREATE TABLE registry_scanning (
    registry_id   VARCHAR(12) ${byte_order} NOT NULL PRIMARY KEY,
    configuration TEXT NOT NULL,
    updated_at    BIGINT NOT NULL
);

-- The latest scan of an image, gone with the image. status: IN_PROGRESS | COMPLETE | FAILED | UNSUPPORTED_IMAGE.
-- inventory: the packages found (JSON), kept so that a new vulnerability database revision re-matches them without
-- reading layers again; findings: the matches at db_revision (JSON). A rescan replaces the row's results but keeps
-- the last inventory until the new one is written.
CREATE TABLE image_scans (
    repository_id BIGINT NOT NULL,
    digest        VARCHAR(255) ${byte_order} NOT NULL,
    status        VARCHAR(32) NOT NULL,
    description   TEXT NOT NULL,
    requested_at  BIGINT NOT NULL,
    completed_at  BIGINT,
    inventory     TEXT,
    findings      TEXT,
    db_revision   BIGINT NOT NULL,
    db_updated_at BIGINT,
    PRIMARY KEY (repository_id, digest),
    FOREIGN KEY (repository_id, digest) REFERENCES manifests (repository_id, digest) ON DELETE CASCADE
);
-- Re-matching looks for completed scans behind the database's revision.
CREATE INDEX image_scans_revision ON image_scans (status, db_revision);

-- A repository's pull gate (a Berth extension): refuse images with findings at or above min_severity (NULL: no
-- severity limit), or not scanned successfully when require_scan is 1; allowed_ids lists advisory ids (JSON array)
-- that never count.
CREATE TABLE pull_gates (
    repository_id BIGINT NOT NULL PRIMARY KEY REFERENCES repositories (id) ON DELETE CASCADE,
    min_severity  VARCHAR(16),
    require_scan  INTEGER NOT NULL,
    allowed_ids   TEXT NOT NULL,
    updated_at    BIGINT NOT NULL
);

-- The pull gate asks which images of a repository use a blob before serving it.
CREATE INDEX manifest_blobs_by_blob ON manifest_blobs (repository_id, blob_digest);
