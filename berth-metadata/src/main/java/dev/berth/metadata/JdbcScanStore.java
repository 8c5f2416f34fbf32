package dev.berth.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.oci.Digest;
import dev.berth.oci.RepositoryName;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link ScanStore} over JDBC, on the tables of schema V9. Thread-safe. */
final class JdbcScanStore implements ScanStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPOSITORY_ID = "(SELECT id FROM repositories WHERE name = ?)";
    private static final String COLUMNS = "r.name, s.digest, s.status, s.description, s.requested_at, s.completed_at,"
            + " s.inventory, s.findings, s.db_revision, s.db_updated_at";
    private static final String FROM = " FROM image_scans s JOIN repositories r ON r.id = s.repository_id";

    private final Transactions transactions;

    JdbcScanStore(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Optional<String> registryScanningConfiguration(String registryId) {
        return transactions.read("registryScanningConfiguration", c -> Sql.first(c,
                "SELECT configuration FROM registry_scanning WHERE registry_id = ?", row -> row.getString(1),
                registryId));
    }

    @Override
    public void putRegistryScanningConfiguration(String registryId, String configuration, Instant at) {
        Objects.requireNonNull(configuration, "configuration");
        transactions.write("putRegistryScanningConfiguration", c -> Sql.update(c,
                "INSERT INTO registry_scanning (registry_id, configuration, updated_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT (registry_id) DO UPDATE SET configuration = excluded.configuration,"
                        + " updated_at = excluded.updated_at", registryId, configuration, at.toEpochMilli()));
    }

    @Override
    public boolean beginScan(RepositoryName repository, Digest digest, String description, Instant at) {
        return transactions.write("beginScan", c -> {
            if (!imageExists(c, repository, digest)) {
                return false;
            }
            int updated = Sql.update(c, "UPDATE image_scans SET status = 'IN_PROGRESS', description = ?,"
                    + " requested_at = ?, completed_at = NULL WHERE repository_id = " + REPOSITORY_ID
                    + " AND digest = ?", description, at.toEpochMilli(), repository.value(), digest.toString());
            if (updated == 0) {
                Sql.update(c, "INSERT INTO image_scans (repository_id, digest, status, description, requested_at,"
                        + " db_revision) VALUES (" + REPOSITORY_ID + ", ?, 'IN_PROGRESS', ?, ?, 0)",
                        repository.value(), digest.toString(), description, at.toEpochMilli());
            }
            return true;
        });
    }

    @Override
    public boolean completeScan(RepositoryName repository, Digest digest, String inventory, String findings,
                                long dbRevision, Optional<Instant> dbUpdatedAt, Instant at) {
        return transactions.write("completeScan", c -> Sql.update(c, "UPDATE image_scans SET status = 'COMPLETE',"
                + " description = ?, completed_at = ?, inventory = ?, findings = ?, db_revision = ?,"
                + " db_updated_at = " + updatedAt(dbUpdatedAt) + " WHERE repository_id = " + REPOSITORY_ID
                + " AND digest = ?", "The scan was completed successfully.", at.toEpochMilli(), inventory, findings,
                dbRevision, repository.value(), digest.toString()) == 1);
    }

    @Override
    public boolean endScan(RepositoryName repository, Digest digest, ScanState state, String description,
                           Instant at) {
        if (state == ScanState.COMPLETE || state == ScanState.IN_PROGRESS) {
            throw new IllegalArgumentException("endScan records a scan that could not be done, not " + state);
        }
        return transactions.write("endScan", c -> Sql.update(c, "UPDATE image_scans SET status = ?,"
                + " description = ?, completed_at = ?, findings = NULL WHERE repository_id = " + REPOSITORY_ID
                + " AND digest = ?", state.name(), description, at.toEpochMilli(), repository.value(),
                digest.toString()) == 1);
    }

    @Override
    public boolean rematch(RepositoryName repository, Digest digest, Instant completedAt, String findings,
                           long dbRevision, Optional<Instant> dbUpdatedAt) {
        return transactions.write("rematchScan", c -> Sql.update(c, "UPDATE image_scans SET findings = ?,"
                + " db_revision = ?, db_updated_at = " + updatedAt(dbUpdatedAt) + " WHERE repository_id = "
                + REPOSITORY_ID + " AND digest = ? AND status = 'COMPLETE' AND completed_at = ? AND db_revision < ?",
                findings, dbRevision, repository.value(), digest.toString(), completedAt.toEpochMilli(),
                dbRevision) == 1);
    }

    @Override
    public Optional<ImageScan> find(RepositoryName repository, Digest digest) {
        return transactions.read("findScan", c -> Sql.first(c, "SELECT " + COLUMNS + FROM
                + " WHERE r.name = ? AND s.digest = ?", JdbcScanStore::scan, repository.value(), digest.toString()));
    }

    @Override
    public List<ImageScan> find(RepositoryName repository, Collection<Digest> digests) {
        List<Digest> all = List.copyOf(digests);
        return transactions.read("findScans", c -> {
            List<ImageScan> out = new ArrayList<>();
            for (int from = 0; from < all.size(); from += JdbcMetadataStore.IN_LIST_CHUNK) {
                List<Digest> chunk = all.subList(from, Math.min(all.size(), from + JdbcMetadataStore.IN_LIST_CHUNK));
                List<Object> params = new ArrayList<>();
                params.add(repository.value());
                chunk.forEach(d -> params.add(d.toString()));
                out.addAll(Sql.list(c, "SELECT " + COLUMNS + FROM + " WHERE r.name = ? AND s.digest IN ("
                        + Sql.markers(chunk.size()) + ") ORDER BY s.digest", JdbcScanStore::scan, params.toArray()));
            }
            return out;
        });
    }

    @Override
    public List<ImageScan> behind(long revision, int limit) {
        return transactions.read("scansBehind", c -> Sql.list(c, "SELECT " + COLUMNS + FROM
                + " WHERE s.status = 'COMPLETE' AND s.db_revision < ? ORDER BY r.name, s.digest LIMIT ?",
                JdbcScanStore::scan, revision, limit));
    }

    @Override
    public List<ImageScan> completed(Collection<RepositoryName> repositories, int limit) {
        if (repositories.isEmpty()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>();
        repositories.forEach(r -> params.add(r.value()));
        params.add(limit);
        return transactions.read("completedScans", c -> Sql.list(c, "SELECT " + COLUMNS + FROM
                + " WHERE s.status = 'COMPLETE' AND r.name IN (" + Sql.markers(repositories.size())
                + ") ORDER BY r.name, s.digest LIMIT ?", JdbcScanStore::scan, params.toArray()));
    }

    @Override
    public Optional<PullGateSettings> pullGate(RepositoryName repository) {
        return transactions.read("pullGate", c -> Sql.first(c, "SELECT g.min_severity, g.require_scan,"
                + " g.allowed_ids, g.updated_at FROM pull_gates g JOIN repositories r ON r.id = g.repository_id"
                + " WHERE r.name = ?", row -> new PullGateSettings(Optional.ofNullable(row.getString(1)),
                row.getInt(2) == 1, ids(row.getString(3)), Instant.ofEpochMilli(row.getLong(4))),
                repository.value()));
    }

    @Override
    public boolean putPullGate(RepositoryName repository, PullGateSettings gate) {
        String ids;
        try {
            ids = JSON.writeValueAsString(gate.allowedIds());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return transactions.write("putPullGate", c -> {
            Optional<Long> id = Sql.first(c, "SELECT id FROM repositories WHERE name = ?", row -> row.getLong(1),
                    repository.value());
            if (id.isEmpty()) {
                return false;
            }
            Sql.update(c, "INSERT INTO pull_gates (repository_id, min_severity, require_scan, allowed_ids,"
                    + " updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (repository_id) DO UPDATE SET"
                    + " min_severity = excluded.min_severity, require_scan = excluded.require_scan,"
                    + " allowed_ids = excluded.allowed_ids, updated_at = excluded.updated_at", id.get(),
                    gate.minSeverity().orElse(null), gate.requireScan() ? 1 : 0, ids,
                    gate.updatedAt().toEpochMilli());
            return true;
        });
    }

    @Override
    public boolean deletePullGate(RepositoryName repository) {
        return transactions.write("deletePullGate", c -> Sql.update(c, "DELETE FROM pull_gates WHERE repository_id = "
                + REPOSITORY_ID, repository.value()) == 1);
    }

    @Override
    public List<Digest> manifestsReferencing(RepositoryName repository, Digest blob) {
        return transactions.read("manifestsReferencing", c -> Sql.list(c, "SELECT manifest_digest FROM manifest_blobs"
                + " WHERE repository_id = " + REPOSITORY_ID + " AND blob_digest = ? ORDER BY manifest_digest",
                row -> Digest.parse(row.getString(1)), repository.value(), blob.toString()));
    }

    /**
     * The import time as a literal (a number, or NULL): {@link Sql} binds NULL as text only, which PostgreSQL
     * would refuse for a BIGINT column.
     */
    private static String updatedAt(Optional<Instant> at) {
        return at.map(t -> Long.toString(t.toEpochMilli())).orElse("NULL");
    }

    private static boolean imageExists(Connection c, RepositoryName repository, Digest digest) throws SQLException {
        return Sql.first(c, "SELECT 1 FROM manifests WHERE repository_id = " + REPOSITORY_ID + " AND digest = ?",
                row -> true, repository.value(), digest.toString()).isPresent();
    }

    private static List<String> ids(String json) throws SQLException {
        try {
            return List.copyOf(JSON.readValue(json, new TypeReference<List<String>>() {}));
        } catch (JsonProcessingException e) {
            throw new SQLException("pull_gates.allowed_ids is not a JSON array of strings", e);
        }
    }

    private static ImageScan scan(ResultSet row) throws SQLException {
        return new ImageScan(RepositoryName.parse(row.getString(1)), Digest.parse(row.getString(2)),
                ScanState.valueOf(row.getString(3)), row.getString(4), Instant.ofEpochMilli(row.getLong(5)),
                optionalInstant(row, 6), Optional.ofNullable(row.getString(7)), Optional.ofNullable(row.getString(8)),
                row.getLong(9), optionalInstant(row, 10));
    }

    private static Optional<Instant> optionalInstant(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(value));
    }
}
