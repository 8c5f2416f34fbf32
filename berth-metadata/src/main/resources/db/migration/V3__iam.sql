-- The IAM control plane: OIDC identity providers, roles with their inline and attached policies, STS sessions
-- (temporary credentials) and a small table of server-wide secrets. Same conventions as V1: standard SQL, times
-- as epoch milliseconds (BIGINT), no booleans, ${byte_order} on every text key. Lists (client ids, thumbprints,
-- tags) are JSON text: they are small, always read and written whole, and never queried inside.

-- url is the issuer without its scheme (token.actions.githubusercontent.com[/path]), unique like the ARN that
-- is derived from it.
CREATE TABLE iam_oidc_providers (
    arn         VARCHAR(2048) ${byte_order} NOT NULL PRIMARY KEY,
    url         VARCHAR(255) ${byte_order} NOT NULL,
    client_ids  TEXT NOT NULL,
    thumbprints TEXT NOT NULL,
    tags        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    CONSTRAINT iam_oidc_providers_url_key UNIQUE (url)
);

-- Role names are unique regardless of case, as in IAM: name keeps the case it was created with, name_key is its
-- lower-case form and what lookups use. The trust policy is the document text exactly as the client sent it.
-- An empty description means none.
CREATE TABLE iam_roles (
    role_id             VARCHAR(128) ${byte_order} NOT NULL PRIMARY KEY,
    name                VARCHAR(64) ${byte_order} NOT NULL,
    name_key            VARCHAR(64) ${byte_order} NOT NULL,
    path                VARCHAR(512) ${byte_order} NOT NULL,
    arn                 VARCHAR(2048) ${byte_order} NOT NULL,
    assume_role_policy  TEXT NOT NULL,
    description         VARCHAR(1000) NOT NULL,
    max_session_seconds INTEGER NOT NULL,
    tags                TEXT NOT NULL,
    created_at          BIGINT NOT NULL,
    CONSTRAINT iam_roles_name_key UNIQUE (name_key)
);

-- No ON DELETE CASCADE on the role's policies: IAM refuses to delete a role that still has some
-- (DeleteConflict), and the schema refuses it too.
CREATE TABLE iam_role_policies (
    role_id  VARCHAR(128) ${byte_order} NOT NULL REFERENCES iam_roles (role_id),
    name     VARCHAR(128) ${byte_order} NOT NULL,
    document TEXT NOT NULL,
    PRIMARY KEY (role_id, name)
);

CREATE TABLE iam_role_attached_policies (
    role_id    VARCHAR(128) ${byte_order} NOT NULL REFERENCES iam_roles (role_id),
    policy_arn VARCHAR(2048) ${byte_order} NOT NULL,
    PRIMARY KEY (role_id, policy_arn)
);

-- Temporary credentials. The secret access key is kept because SigV4 verification needs it; the session token
-- is not, only its SHA-256 (hex). Sessions do not reference their role: a deleted role's sessions stay until
-- they expire, and role_id tells a session of a deleted-and-recreated role apart from the new role's.
CREATE TABLE sts_sessions (
    access_key_id        VARCHAR(128) ${byte_order} NOT NULL PRIMARY KEY,
    secret_access_key    VARCHAR(128) NOT NULL,
    session_token_sha256 VARCHAR(64) NOT NULL,
    assumed_role_arn     VARCHAR(2048) NOT NULL,
    role_arn             VARCHAR(2048) NOT NULL,
    role_id              VARCHAR(128) NOT NULL,
    session_name         VARCHAR(64) NOT NULL,
    subject              VARCHAR(255) NOT NULL,
    source_identity      VARCHAR(64) NOT NULL,
    web_identity_claims  TEXT NOT NULL,
    issued_at            BIGINT NOT NULL,
    expires_at           BIGINT NOT NULL
);
CREATE INDEX sts_sessions_expires_at ON sts_sessions (expires_at);

-- Secrets every node of one deployment must share (the registry-token signing key...), created once by whichever
-- node asks first.
CREATE TABLE server_secrets (
    name  VARCHAR(255) ${byte_order} NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);
