-- The ECR control plane's records besides repository settings: resource policies (repository and registry),
-- repository-creation templates, and per-image usage facts. Same conventions as V1..V3: standard SQL, times as
-- epoch milliseconds (BIGINT), no booleans, ${byte_order} on every text key, small lists as JSON text.

-- A repository's policy: the document exactly as SetRepositoryPolicy received it (returned as stored).
CREATE TABLE repository_policies (
    repository_id BIGINT NOT NULL PRIMARY KEY REFERENCES repositories (id) ON DELETE CASCADE,
    policy_text   TEXT NOT NULL,
    updated_at    BIGINT NOT NULL
);

-- The registry policy; one row per registry id (in practice one: the account's).
CREATE TABLE registry_policies (
    registry_id VARCHAR(12) ${byte_order} NOT NULL PRIMARY KEY,
    policy_text TEXT NOT NULL,
    updated_at  BIGINT NOT NULL
);

-- Repository-creation templates (CreateRepositoryCreationTemplate). prefix is 'ROOT' or a repository-name prefix;
-- applied_for is a JSON array of REPLICATION | PULL_THROUGH_CACHE | CREATE_ON_PUSH; resource_tags a JSON array of
-- {"Key","Value"}; tag_mutability_exclusions as in repositories (V2). Empty text means absent.
CREATE TABLE repository_creation_templates (
    prefix                    VARCHAR(256) ${byte_order} NOT NULL PRIMARY KEY,
    description               VARCHAR(256) NOT NULL,
    encryption_type           VARCHAR(16) NOT NULL,
    kms_key                   VARCHAR(2048),
    resource_tags             TEXT NOT NULL,
    tag_mutability            VARCHAR(32) NOT NULL,
    tag_mutability_exclusions TEXT,
    repository_policy         TEXT NOT NULL,
    lifecycle_policy          TEXT NOT NULL,
    applied_for               TEXT NOT NULL,
    custom_role_arn           VARCHAR(2048) NOT NULL,
    created_at                BIGINT NOT NULL,
    updated_at                BIGINT NOT NULL
);

-- Usage facts per image: when it was last pulled (manifest GET) and how often. Recorded in batches, so a pull
-- costs no write on its own path; NULL / 0 for an image never pulled.
ALTER TABLE manifests ADD COLUMN last_pulled_at BIGINT;
ALTER TABLE manifests ADD COLUMN pull_count BIGINT DEFAULT 0 NOT NULL;
