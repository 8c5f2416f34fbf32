-- Repository settings as ECR's CreateRepository records them, and the repository's resource tags. Same rules as
-- V1: one file for SQLite and PostgreSQL, standard SQL, no booleans (0/1), the byte-order placeholder on text
-- keys.
--
-- The settings are columns of `repositories`, each with the default a repository gets when a push creates it
-- (MUTABLE, no scan on push, AES256), so that every write that creates a repository, and every repository that
-- existed before this migration, has them. Enumerations are plain text checked by the code that reads them
-- rather than CHECK constraints, which SQLite could only change later by rebuilding the table.

-- The AWS account id the repository was created under; NULL for repositories created implicitly by a push or
-- before this migration (readers then use the registry's configured id).
ALTER TABLE repositories ADD COLUMN registry_id VARCHAR(12);
-- MUTABLE | IMMUTABLE | IMMUTABLE_WITH_EXCLUSION | MUTABLE_WITH_EXCLUSION
ALTER TABLE repositories ADD COLUMN tag_mutability VARCHAR(32) DEFAULT 'MUTABLE' NOT NULL;
-- The exclusion filters as a JSON array of {"filterType","filter"} in the order given; NULL when there are none.
ALTER TABLE repositories ADD COLUMN tag_mutability_exclusions TEXT;
ALTER TABLE repositories ADD COLUMN scan_on_push INTEGER DEFAULT 0 NOT NULL;
-- AES256 | KMS | KMS_DSSE, and the KMS key when one was given: recorded and reported, not applied.
ALTER TABLE repositories ADD COLUMN encryption_type VARCHAR(16) DEFAULT 'AES256' NOT NULL;
ALTER TABLE repositories ADD COLUMN kms_key VARCHAR(2048);

-- ECR resource tags (TagResource / ListTagsForResource), one row per key.
CREATE TABLE repository_resource_tags (
    repository_id BIGINT NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    tag_key       VARCHAR(128) ${byte_order} NOT NULL,
    tag_value     VARCHAR(256) NOT NULL,
    PRIMARY KEY (repository_id, tag_key)
);
