-- The registry's core: repositories, the blobs each may serve, manifests and what they reference, tags and
-- upload sessions. One file for SQLite and PostgreSQL: standard SQL, times as epoch milliseconds (BIGINT),
-- no booleans. Two placeholders are filled in per dialect (see Dialect): the auto-assigned key column, and a
-- byte-order collation on every text key, so ORDER BY and the listing cursors agree on both databases.

CREATE TABLE repositories (
    id         ${id_column},
    name       VARCHAR(255) ${byte_order} NOT NULL,
    created_at BIGINT NOT NULL,
    CONSTRAINT repositories_name_key UNIQUE (name)
);

-- A blob is served from a repository only if it was pushed or mounted there.
CREATE TABLE repository_blobs (
    repository_id BIGINT NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    digest        VARCHAR(255) ${byte_order} NOT NULL,
    size          BIGINT NOT NULL,
    linked_at     BIGINT NOT NULL,
    PRIMARY KEY (repository_id, digest)
);
-- isBlobReferenced (garbage collection) asks across all repositories.
CREATE INDEX repository_blobs_digest ON repository_blobs (digest);

CREATE TABLE manifests (
    repository_id  BIGINT NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    digest         VARCHAR(255) ${byte_order} NOT NULL,
    media_type     VARCHAR(255) NOT NULL,
    size           BIGINT NOT NULL,
    pushed_at      BIGINT NOT NULL,
    subject_digest VARCHAR(255) ${byte_order},
    artifact_type  VARCHAR(255),
    annotations    TEXT,
    PRIMARY KEY (repository_id, digest)
);
CREATE INDEX manifests_subject ON manifests (repository_id, subject_digest);
CREATE INDEX manifests_digest ON manifests (digest);

-- Layers and config a manifest references; gone with the manifest.
CREATE TABLE manifest_blobs (
    repository_id   BIGINT NOT NULL,
    manifest_digest VARCHAR(255) ${byte_order} NOT NULL,
    blob_digest     VARCHAR(255) ${byte_order} NOT NULL,
    PRIMARY KEY (repository_id, manifest_digest, blob_digest),
    FOREIGN KEY (repository_id, manifest_digest) REFERENCES manifests (repository_id, digest) ON DELETE CASCADE
);

-- Manifests an index references; gone with the index. No foreign key on the child: deleting a child is the
-- registry's decision, not the schema's.
CREATE TABLE manifest_children (
    repository_id   BIGINT NOT NULL,
    manifest_digest VARCHAR(255) ${byte_order} NOT NULL,
    child_digest    VARCHAR(255) ${byte_order} NOT NULL,
    PRIMARY KEY (repository_id, manifest_digest, child_digest),
    FOREIGN KEY (repository_id, manifest_digest) REFERENCES manifests (repository_id, digest) ON DELETE CASCADE
);

CREATE TABLE tags (
    repository_id   BIGINT NOT NULL,
    name            VARCHAR(128) ${byte_order} NOT NULL,
    manifest_digest VARCHAR(255) ${byte_order} NOT NULL,
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (repository_id, name),
    FOREIGN KEY (repository_id, manifest_digest) REFERENCES manifests (repository_id, digest) ON DELETE CASCADE
);
-- Finds the tags of a manifest being deleted.
CREATE INDEX tags_manifest ON tags (repository_id, manifest_digest);

-- Upload sessions name their repository rather than reference it: starting an upload does not create a
-- repository, and an abandoned one is swept by age.
CREATE TABLE uploads (
    id         VARCHAR(255) ${byte_order} NOT NULL PRIMARY KEY,
    repository VARCHAR(255) ${byte_order} NOT NULL,
    started_at BIGINT NOT NULL
);
CREATE INDEX uploads_started_at ON uploads (started_at);
