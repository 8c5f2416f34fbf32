package dev.berth.metadata;

import dev.berth.iam.Arn;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/** The columns the IAM tables are read with, and the mapping of a row to a record; one place for both. */
final class IamRows {
    static final String PROVIDER = "arn, url, client_ids, thumbprints, tags, created_at";
    static final String ROLE = "role_id, name, path, arn, assume_role_policy, description, max_session_seconds, tags,"
            + " created_at";
    static final String SESSION = "access_key_id, secret_access_key, session_token_sha256, assumed_role_arn,"
            + " role_arn, role_id, session_name, subject, source_identity, web_identity_claims, issued_at, expires_at";

    private IamRows() {}

    static OidcProvider provider(ResultSet row) throws SQLException {
        return new OidcProvider(Arn.parse(row.getString(1)), row.getString(2), IamColumns.strings(row.getString(3)),
                IamColumns.strings(row.getString(4)), IamColumns.tags(row.getString(5)),
                Instant.ofEpochMilli(row.getLong(6)));
    }

    static Role role(ResultSet row) throws SQLException {
        return new Role(row.getString(1), row.getString(2), row.getString(3), Arn.parse(row.getString(4)),
                row.getString(5), row.getString(6), Duration.ofSeconds(row.getLong(7)),
                IamColumns.tags(row.getString(8)), Instant.ofEpochMilli(row.getLong(9)));
    }

    static StsSession session(ResultSet row) throws SQLException {
        return new StsSession(row.getString(1), row.getString(2), row.getString(3), Arn.parse(row.getString(4)),
                Arn.parse(row.getString(5)), row.getString(6), row.getString(7), row.getString(8), row.getString(9),
                row.getString(10), Instant.ofEpochMilli(row.getLong(11)), Instant.ofEpochMilli(row.getLong(12)));
    }
}
