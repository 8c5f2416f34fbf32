-- Online garbage collection (docs/gc.md). Same conventions as V1..V6.

-- A hold: a push that is about to make a blob's bytes present and link them (upload completion, monolithic put,
-- mount, manifest bytes). It counts as a reference from before the bytes are checked until the link is committed,
-- so garbage collection never deletes a blob in that window; a hold left by a crash is purged once stale.
CREATE TABLE blob_holds (
    id         ${id_column},
    digest     VARCHAR(255) ${byte_order} NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX blob_holds_digest ON blob_holds (digest);
CREATE INDEX blob_holds_created_at ON blob_holds (created_at);

-- The reference check asks whether any manifest, in any repository, references a blob; link removal asks whether
-- a manifest of one repository does. Both columns, so that the planner prefers this index to the primary key's
-- (repository_id, ...) prefix, which would scan a repository's every reference per link.
CREATE INDEX manifest_blobs_blob ON manifest_blobs (blob_digest, repository_id);

-- Link removal looks for links older than the grace period.
CREATE INDEX repository_blobs_linked_at ON repository_blobs (linked_at);

-- What a finished job reports (JSON text), e.g. a collection's freed bytes and counts.
ALTER TABLE jobs ADD COLUMN result TEXT;
