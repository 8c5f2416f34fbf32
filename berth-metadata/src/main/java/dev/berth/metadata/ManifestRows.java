package dev.berth.metadata;

import dev.berth.oci.Digest;
import dev.berth.oci.RepositoryName;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Reads {@link ManifestRecord}s from rows of {@code manifests m}; the select list and the mapping in one place. */
final class ManifestRows {
    /** The columns {@link #read} expects, from table alias {@code m}. */
    static final String COLUMNS =
            "m.digest, m.media_type, m.size, m.pushed_at, m.subject_digest, m.artifact_type, m.annotations";

    private ManifestRows() {}

    static ManifestRecord read(RepositoryName repository, ResultSet row) throws SQLException {
        String subject = row.getString("subject_digest");
        return new ManifestRecord(
                repository,
                Digest.parse(row.getString("digest")),
                row.getString("media_type"),
                row.getLong("size"),
                Instant.ofEpochMilli(row.getLong("pushed_at")),
                subject == null ? null : Digest.parse(subject),
                row.getString("artifact_type"),
                Annotations.fromColumn(row.getString("annotations")));
    }
}
