-- Lifecycle policies (PutLifecyclePolicy) and their previews (StartLifecyclePolicyPreview). Same conventions as
-- V1..V4: standard SQL, times as epoch milliseconds (BIGINT), no booleans, JSON as text; both go with their
-- repository.

-- A repository's lifecycle policy, exactly as PutLifecyclePolicy received it (returned as stored).
-- last_evaluated_at: when a run last evaluated it; NULL until one has (runs are not built yet).
CREATE TABLE lifecycle_policies (
    repository_id     BIGINT NOT NULL PRIMARY KEY REFERENCES repositories (id) ON DELETE CASCADE,
    policy_text       TEXT NOT NULL,
    updated_at        BIGINT NOT NULL,
    last_evaluated_at BIGINT
);

-- The latest preview per repository (a new one replaces it): the policy text it evaluated, its status
-- (IN_PROGRESS | COMPLETE | EXPIRED | FAILED) and its results, a JSON array written and read by the ECR edge.
CREATE TABLE lifecycle_previews (
    repository_id BIGINT NOT NULL PRIMARY KEY REFERENCES repositories (id) ON DELETE CASCADE,
    policy_text   TEXT NOT NULL,
    status        VARCHAR(16) NOT NULL,
    results       TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);
