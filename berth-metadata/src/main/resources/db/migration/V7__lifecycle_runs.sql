-- Lifecycle execution: runs with their plans, and the archive of expired images awaiting the end of their restore
-- window. Same conventions as V1..V6: standard SQL, times as epoch milliseconds, no booleans, JSON as text.
--
-- Expired images are MOVED out of manifests / manifest_blobs / manifest_children / tags into the expired_* tables
-- rather than flagged by a state column on manifests: every read path of the registry (pull by tag and digest,
-- tag lists, ListImages, DescribeImages, BatchGetImage, referrers, index children, lifecycle reads, blob-link
-- checks on push) reads those tables, and a flag would have to be filtered in each of them, forever; an archive
-- makes an expired image invisible to all of them at once. Only garbage collection must look here too: an image
-- awaiting restore still references its blobs and its manifest bytes.

-- A run checks, per image it expires, that no index outside its plan lists it: a full scan without this. (The
-- preview's byte count asks which manifests reference a blob through V10's manifest_blobs_blob.)
CREATE INDEX manifest_children_by_child ON manifest_children (repository_id, child_digest);

-- One execution of a repository's policy. job_id is the leased job that runs it: a job that is claimed again after
-- its node died finds its run (and its plan) here and resumes it instead of evaluating again.
-- state: RUNNING | DONE.
CREATE TABLE lifecycle_runs (
    id           ${id_column},
    job_id       BIGINT NOT NULL,
    repository   VARCHAR(255) ${byte_order} NOT NULL,
    policy_text  TEXT NOT NULL,
    evaluated_at BIGINT NOT NULL,
    state        VARCHAR(16) NOT NULL,
    finished_at  BIGINT,
    CONSTRAINT lifecycle_runs_job_key UNIQUE (job_id)
);
CREATE INDEX lifecycle_runs_by_repository ON lifecycle_runs (repository, id);

-- A run's plan: the images the evaluation expired, each with the tags it had when evaluated and the audit detail
-- (JSON). grp ties together what must leave in one transaction (an image with its referrers and the untagged
-- children of its index). state: PENDING | EXPIRED | SKIPPED (changed since the evaluation, so left alone).
CREATE TABLE lifecycle_run_items (
    run_id BIGINT NOT NULL REFERENCES lifecycle_runs (id) ON DELETE CASCADE,
    digest VARCHAR(255) ${byte_order} NOT NULL,
    grp    INTEGER NOT NULL,
    tags   TEXT NOT NULL,
    detail TEXT NOT NULL,
    state  VARCHAR(16) NOT NULL,
    PRIMARY KEY (run_id, digest)
);
CREATE INDEX lifecycle_run_items_pending ON lifecycle_run_items (run_id, state, grp);

-- The manifests rows of expired images, with when they expired, until when they can be restored, the run that
-- expired them and the tags they had (a JSON array). A digest pushed again after its expiry has a live row in
-- manifests as well as this one.
CREATE TABLE expired_manifests (
    repository_id  BIGINT NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    digest         VARCHAR(255) ${byte_order} NOT NULL,
    media_type     VARCHAR(255) NOT NULL,
    size           BIGINT NOT NULL,
    pushed_at      BIGINT NOT NULL,
    subject_digest VARCHAR(255) ${byte_order},
    artifact_type  VARCHAR(255),
    annotations    TEXT,
    last_pulled_at BIGINT,
    pull_count     BIGINT NOT NULL,
    tags           TEXT NOT NULL,
    expired_at     BIGINT NOT NULL,
    restore_until  BIGINT NOT NULL,
    run_id         BIGINT NOT NULL,
    detail         TEXT NOT NULL,
    PRIMARY KEY (repository_id, digest)
);
CREATE INDEX expired_manifests_until ON expired_manifests (restore_until);
CREATE INDEX expired_manifests_digest ON expired_manifests (digest);

CREATE TABLE expired_manifest_blobs (
    repository_id   BIGINT NOT NULL,
    manifest_digest VARCHAR(255) ${byte_order} NOT NULL,
    blob_digest     VARCHAR(255) ${byte_order} NOT NULL,
    PRIMARY KEY (repository_id, manifest_digest, blob_digest),
    FOREIGN KEY (repository_id, manifest_digest) REFERENCES expired_manifests (repository_id, digest)
        ON DELETE CASCADE
);
-- Garbage collection asks whether any expired image still references a blob.
CREATE INDEX expired_manifest_blobs_blob ON expired_manifest_blobs (blob_digest);

CREATE TABLE expired_manifest_children (
    repository_id   BIGINT NOT NULL,
    manifest_digest VARCHAR(255) ${byte_order} NOT NULL,
    child_digest    VARCHAR(255) ${byte_order} NOT NULL,
    PRIMARY KEY (repository_id, manifest_digest, child_digest),
    FOREIGN KEY (repository_id, manifest_digest) REFERENCES expired_manifests (repository_id, digest)
        ON DELETE CASCADE
);
