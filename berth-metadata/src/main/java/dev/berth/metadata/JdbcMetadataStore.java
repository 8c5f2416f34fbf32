package dev.berth.metadata;

import com.zaxxer.hikari.HikariDataSource;
import dev.berth.oci.Digest;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * {@link MetadataStore} over JDBC, with the same SQL on SQLite and PostgreSQL (schema and settings:
 * docs/metadata.md). Opening a store migrates its database to the newest schema.
 *
 * <p>Every write method is one short transaction, committed before it returns; on SQLite, writers queue in the
 * process for the single write lock. Read methods run in auto-commit mode and, apart from digest lists longer
 * than {@value #IN_LIST_CHUNK}, are one statement each. Instants are stored as epoch milliseconds, so those read
 * back are truncated to the millisecond. Thread-safe. Database failures surface as {@link MetadataException}.
 */
public final class JdbcMetadataStore implements MetadataStore {
    /** Digests per IN list: far below the bind-parameter limits of SQLite (32766) and PostgreSQL (65535). */
    static final int IN_LIST_CHUNK = 500;

    private static final String REPOSITORY_ID = "(SELECT id FROM repositories WHERE name = ?)";

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Transactions transactions;
    private final JdbcRepositorySettingsStore settings;
    private final JdbcIamStore iamStore;
    private final JdbcEcrStore ecrStore;
    private final JdbcVulnerabilityStore vulnerabilityStore;
    private final JdbcJobStore jobStore;
    private final JdbcAuditLog auditLog;
    private final JdbcLifecycleStore lifecycleStore;
    private final JdbcScanStore scanStore;
    private final Runnable onClose;

    /**
     * A store on a database the caller manages; {@link #close} leaves the data source open. The data source must
     * hand out connections in auto-commit mode; for SQLite they should have the settings of {@link #sqlite}.
     */
    public JdbcMetadataStore(DataSource dataSource, Dialect dialect) {
        this(dataSource, dialect, () -> {});
    }

    private JdbcMetadataStore(DataSource dataSource, Dialect dialect, Runnable onClose) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = dialect;
        this.transactions = new Transactions(dataSource, Objects.requireNonNull(dialect, "dialect"));
        this.settings = new JdbcRepositorySettingsStore(transactions);
        this.iamStore = new JdbcIamStore(transactions);
        this.ecrStore = new JdbcEcrStore(transactions);
        this.vulnerabilityStore = new JdbcVulnerabilityStore(transactions, java.time.Clock.systemUTC());
        this.jobStore = new JdbcJobStore(transactions);
        this.auditLog = new JdbcAuditLog(transactions);
        this.lifecycleStore = new JdbcLifecycleStore(transactions);
        this.scanStore = new JdbcScanStore(transactions);
        this.onClose = onClose;
        Migrations.migrate(dataSource, dialect);
    }

    /**
     * The embedded default: a SQLite database in {@code databaseFile} (created with its directory if missing),
     * in WAL mode with {@code synchronous=FULL}, behind a small pool that {@link #close} shuts.
     */
    public static JdbcMetadataStore sqlite(Path databaseFile) {
        HikariDataSource pool = SqliteDataSources.open(databaseFile);
        try {
            return new JdbcMetadataStore(pool, Dialect.SQLITE, pool::close);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * The settings of this store's repositories, on the same database and write queue; usable while this store is
     * open.
     */
    public RepositorySettingsStore repositorySettings() {
        return settings;
    }

    /**
     * The IAM control plane's store on this database. It shares this store's connections and write queue (on
     * SQLite, IAM and registry writes take turns in one line) and lives as long as this store: after {@link #close}
     * it fails like this store does.
     */
    public IamStore iamStore() {
        return iamStore;
    }

    /**
     * The ECR control plane's store (policies, creation templates, image listings, usage facts) on this database,
     * sharing its connections and write queue; usable while this store is open.
     */
    public EcrStore ecrStore() {
        return ecrStore;
    }

    /** Background jobs on this database, shared by every node using it; usable while this store is open. */
    public JobStore jobStore() {
        return jobStore;
    }

    /** Lifecycle runs and the archive of expired images on this database; usable while this store is open. */
    public LifecycleStore lifecycleStore() {
        return lifecycleStore;
    }

    /** Scanning configuration, image scans and pull gates on this database; usable while this store is open. */
    public ScanStore scanStore() {
        return scanStore;
    }

    /** The audit trail on this database; usable while this store is open. */
    public AuditLog auditLog() {
        return auditLog;
    }

    /**
     * The vulnerability database's advisories on this database, sharing its connections and write queue; usable
     * while this store is open.
     */
    public VulnerabilityStore vulnerabilityStore() {
        return vulnerabilityStore;
    }

    // ---- repositories

    @Override
    public boolean repositoryExists(RepositoryName name) {
        return transactions.read("repositoryExists", c -> repositoryId(c, name).isPresent());
    }

    @Override
    public boolean createRepository(RepositoryName name, Instant at) {
        Objects.requireNonNull(name, "name");
        return transactions.write("createRepository", c -> Sql.update(c,
                "INSERT INTO repositories (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                name.value(), at.toEpochMilli()) == 1);
    }

    @Override
    public List<RepositoryName> listRepositories(RepositoryName after, int limit) {
        if (requireLimit(limit) == 0) {
            return List.of();
        }
        return transactions.read("listRepositories", c -> after == null
                ? Sql.list(c, "SELECT name FROM repositories ORDER BY name LIMIT ?", JdbcMetadataStore::name, limit)
                : Sql.list(c, "SELECT name FROM repositories WHERE name > ? ORDER BY name LIMIT ?",
                        JdbcMetadataStore::name, after.value(), limit));
    }

    // ---- blob links

    @Override
    public void linkBlob(RepositoryName repository, Digest digest, long size, Instant at) {
        Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw new IllegalArgumentException("blob size must not be negative: " + size);
        }
        transactions.write("linkBlob", c -> Sql.update(c,
                "INSERT INTO repository_blobs (repository_id, digest, size, linked_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (repository_id, digest) DO UPDATE SET linked_at = excluded.linked_at"
                        + " WHERE repository_blobs.linked_at < excluded.linked_at",
                ensureRepository(c, repository, at), digest.toString(), size, at.toEpochMilli()));
    }

    @Override
    public Optional<Long> linkedBlobSize(RepositoryName repository, Digest digest) {
        return transactions.read("linkedBlobSize", c -> Sql.first(c,
                "SELECT b.size FROM repository_blobs b JOIN repositories r ON r.id = b.repository_id"
                        + " WHERE r.name = ? AND b.digest = ?",
                row -> row.getLong(1), repository.value(), digest.toString()));
    }

    @Override
    public boolean unlinkBlob(RepositoryName repository, Digest digest) {
        return transactions.write("unlinkBlob", c -> Sql.update(c,
                "DELETE FROM repository_blobs WHERE repository_id = " + REPOSITORY_ID + " AND digest = ?",
                repository.value(), digest.toString()) == 1);
    }

    @Override
    public Set<Digest> missingBlobs(RepositoryName repository, Collection<Digest> digests) {
        return missing("missingBlobs", "repository_blobs", repository, digests);
    }

    @Override
    public boolean isBlobReferenced(Digest digest) {
        return unreferencedBlobs(List.of(digest)).isEmpty();
    }

    // ---- manifests and tags

    @Override
    public void putManifest(ManifestRecord manifest, Collection<Digest> blobs, Collection<Digest> children, Tag tag) {
        storeManifest(manifest, blobs, children, tag, false);
    }

    @Override
    public void putManifestChecked(ManifestRecord manifest, Collection<Digest> blobs, Collection<Digest> children,
                                   Tag tag) {
        storeManifest(manifest, blobs, children, tag, true);
    }

    private void storeManifest(ManifestRecord manifest, Collection<Digest> blobs, Collection<Digest> children,
                               Tag tag, boolean checkReferences) {
        Objects.requireNonNull(manifest, "manifest");
        List<String> blobDigests = distinct(blobs);
        List<String> childDigests = distinct(children);
        String digest = manifest.digest().toString();
        long at = manifest.pushedAt().toEpochMilli();
        transactions.write("putManifest", c -> {
            long repository = ensureRepository(c, manifest.repository(), manifest.pushedAt());
            if (checkReferences) {
                Set<Digest> missing = new LinkedHashSet<>();
                missing.addAll(absentRows(c, "repository_blobs", repository, blobDigests));
                missing.addAll(absentRows(c, "manifests", repository, childDigests));
                if (!missing.isEmpty()) {
                    throw new MissingReferencesException(missing);
                }
            }
            int inserted = Sql.update(c,
                    "INSERT INTO manifests (repository_id, digest, media_type, size, pushed_at, subject_digest,"
                            + " artifact_type, annotations) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (repository_id, digest) DO NOTHING",
                    repository, digest, manifest.mediaType(), manifest.size(), at,
                    manifest.subjectDigest().map(Digest::toString).orElse(null),
                    manifest.artifactType(), Annotations.toColumn(manifest.annotations()));
            if (inserted == 1) {
                Sql.batch(c, "INSERT INTO manifest_blobs (repository_id, manifest_digest, blob_digest)"
                        + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING", rows(repository, digest, blobDigests));
                Sql.batch(c, "INSERT INTO manifest_children (repository_id, manifest_digest, child_digest)"
                        + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING", rows(repository, digest, childDigests));
            }
            if (tag != null) {
                pointTag(c, repository, manifest.repository(), tag, digest, at);
            }
            return null;
        });
    }

    /**
     * Points the tag at the manifest, in the caller's transaction. A tag the repository's mutability makes
     * immutable may only be inserted: the INSERT ... DO NOTHING changes no row when the tag exists (on PostgreSQL
     * after waiting for a concurrent insert of the same key to commit), and then the whole push is refused.
     */
    private static void pointTag(Connection c, long repository, RepositoryName name, Tag tag, String digest,
                                 long at) throws SQLException {
        String insert = "INSERT INTO tags (repository_id, name, manifest_digest, updated_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (repository_id, name) DO ";
        if (RepositoryRows.tagMutability(c, repository).isImmutable(tag)) {
            if (Sql.update(c, insert + "NOTHING", repository, tag.value(), digest, at) == 0) {
                throw new ImmutableTagException(name, tag);
            }
        } else {
            Sql.update(c, insert + "UPDATE SET manifest_digest = excluded.manifest_digest,"
                    + " updated_at = excluded.updated_at", repository, tag.value(), digest, at);
        }
    }

    @Override
    public Optional<ManifestRecord> findManifest(RepositoryName repository, Digest digest) {
        return transactions.read("findManifest", c -> Sql.first(c,
                "SELECT " + ManifestRows.COLUMNS + " FROM manifests m JOIN repositories r ON r.id = m.repository_id"
                        + " WHERE r.name = ? AND m.digest = ?",
                row -> ManifestRows.read(repository, row), repository.value(), digest.toString()));
    }

    @Override
    public Optional<ManifestRecord> resolveTag(RepositoryName repository, Tag tag) {
        return transactions.read("resolveTag", c -> Sql.first(c,
                "SELECT " + ManifestRows.COLUMNS + " FROM tags t JOIN repositories r ON r.id = t.repository_id"
                        + " JOIN manifests m ON m.repository_id = t.repository_id AND m.digest = t.manifest_digest"
                        + " WHERE r.name = ? AND t.name = ?",
                row -> ManifestRows.read(repository, row), repository.value(), tag.value()));
    }

    @Override
    public Set<Digest> missingManifests(RepositoryName repository, Collection<Digest> digests) {
        return missing("missingManifests", "manifests", repository, digests);
    }

    @Override
    public boolean deleteManifest(RepositoryName repository, Digest digest) {
        String d = digest.toString();
        return transactions.write("deleteManifest", c -> {
            Optional<Long> id = repositoryId(c, repository);
            if (id.isEmpty()) {
                return false;
            }
            // Explicit rather than left to ON DELETE CASCADE, which a caller-supplied SQLite connection
            // without foreign_keys=ON would silently skip.
            for (String table : List.of("tags", "manifest_blobs", "manifest_children")) {
                Sql.update(c, "DELETE FROM " + table + " WHERE repository_id = ? AND manifest_digest = ?", id.get(), d);
            }
            Sql.update(c, "DELETE FROM image_scans WHERE repository_id = ? AND digest = ?", id.get(), d);
            return Sql.update(c, "DELETE FROM manifests WHERE repository_id = ? AND digest = ?", id.get(), d) == 1;
        });
    }

    @Override
    public boolean deleteTag(RepositoryName repository, Tag tag) {
        return transactions.write("deleteTag", c -> Sql.update(c,
                "DELETE FROM tags WHERE repository_id = " + REPOSITORY_ID + " AND name = ?",
                repository.value(), tag.value()) == 1);
    }

    @Override
    public List<Tag> listTags(RepositoryName repository, Tag after, int limit) {
        Objects.requireNonNull(repository, "repository");
        if (requireLimit(limit) == 0) {
            return List.of();
        }
        String select = "SELECT t.name FROM tags t JOIN repositories r ON r.id = t.repository_id WHERE r.name = ?";
        return transactions.read("listTags", c -> after == null
                ? Sql.list(c, select + " ORDER BY t.name LIMIT ?", JdbcMetadataStore::tag, repository.value(), limit)
                : Sql.list(c, select + " AND t.name > ? ORDER BY t.name LIMIT ?", JdbcMetadataStore::tag,
                        repository.value(), after.value(), limit));
    }

    @Override
    public List<ManifestRecord> referrers(RepositoryName repository, Digest subject, String artifactTypeOrNull) {
        String select = "SELECT " + ManifestRows.COLUMNS + " FROM manifests m"
                + " JOIN repositories r ON r.id = m.repository_id WHERE r.name = ? AND m.subject_digest = ?";
        Sql.Row<ManifestRecord> mapper = row -> ManifestRows.read(repository, row);
        return transactions.read("referrers", c -> artifactTypeOrNull == null
                ? Sql.list(c, select + " ORDER BY m.digest", mapper, repository.value(), subject.toString())
                : Sql.list(c, select + " AND m.artifact_type = ? ORDER BY m.digest", mapper,
                        repository.value(), subject.toString(), artifactTypeOrNull));
    }

    // ---- garbage collection

    @Override
    public long holdBlob(Digest digest, Instant at) {
        Objects.requireNonNull(digest, "digest");
        // Not fsynced: a hold only matters while the request that took it runs, and a crash ends that request too.
        return transactions.writeUnsynced("holdBlob", c -> Sql.first(c,
                "INSERT INTO blob_holds (digest, created_at) VALUES (?, ?) RETURNING id",
                row -> row.getLong(1), digest.toString(), at.toEpochMilli()).orElseThrow());
    }

    @Override
    public void releaseHold(long holdId) {
        transactions.writeUnsynced("releaseHold", c -> Sql.update(c, "DELETE FROM blob_holds WHERE id = ?", holdId));
    }

    @Override
    public int purgeHolds(Instant before) {
        return transactions.write("purgeHolds", c -> Sql.update(c, "DELETE FROM blob_holds WHERE created_at < ?",
                before.toEpochMilli()));
    }

    @Override
    public Set<Digest> unreferencedBlobs(Collection<Digest> digests) {
        Map<String, Digest> wanted = new LinkedHashMap<>();
        digests.forEach(d -> wanted.put(d.toString(), d));
        if (wanted.isEmpty()) {
            return Set.of();
        }
        List<String> keys = List.copyOf(wanted.keySet());
        return transactions.read("unreferencedBlobs", c -> {
            Set<Digest> unreferenced = new LinkedHashSet<>(wanted.values());
            for (int from = 0; from < keys.size(); from += IN_LIST_CHUNK) {
                List<String> chunk = keys.subList(from, Math.min(keys.size(), from + IN_LIST_CHUNK));
                List<Object> params = new ArrayList<>();
                for (int i = 0; i < BlobReferences.sourceCount(); i++) {
                    params.addAll(chunk);
                }
                // One statement per chunk: each digest is judged from one snapshot of every source.
                Sql.list(c, BlobReferences.referencedAmong(chunk.size()), row -> row.getString(1), params.toArray())
                        .forEach(d -> unreferenced.remove(wanted.get(d)));
            }
            return Collections.unmodifiableSet(unreferenced);
        });
    }

    /** No manifest of the repository needs the link, nor an expired image of it that may still be restored (V7). */
    private static final String UNNEEDED_LINK = " NOT EXISTS (SELECT 1 FROM manifest_blobs m"
            + " WHERE m.blob_digest = b.digest AND m.repository_id = b.repository_id)"
            + " AND NOT EXISTS (SELECT 1 FROM expired_manifest_blobs e"
            + " WHERE e.blob_digest = b.digest AND e.repository_id = b.repository_id)";

    @Override
    public LinkRemoval removeUnneededLinks(Instant linkedBefore, String after, int limit) {
        if (requireLimit(limit) == 0) {
            return new LinkRemoval(List.of(), Optional.ofNullable(after));
        }
        long before = linkedBefore.toEpochMilli();
        long afterRepository;
        String afterDigest;
        if (after == null) {
            afterRepository = Long.MIN_VALUE;
            afterDigest = "";
        } else {
            int slash = after.indexOf('/');
            try {
                afterRepository = Long.parseLong(after.substring(0, Math.max(0, slash)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a link cursor: " + after);
            }
            afterDigest = after.substring(slash + 1);
        }
        record Candidate(long repositoryId, BlobLink link) {}
        // Keyset pagination on the primary key: each step starts where the last ended, so links still needed are
        // read once per walk, not once per step.
        List<Candidate> candidates = transactions.read("findUnneededLinks", c -> Sql.list(c,
                "SELECT b.repository_id, r.name, b.digest, b.size FROM repository_blobs b"
                        + " JOIN repositories r ON r.id = b.repository_id"
                        + " WHERE (b.repository_id, b.digest) > (?, ?) AND b.linked_at < ? AND" + UNNEEDED_LINK
                        + " ORDER BY b.repository_id, b.digest LIMIT ?",
                row -> new Candidate(row.getLong(1), new BlobLink(RepositoryName.parse(row.getString(2)),
                        Digest.parse(row.getString(3)), row.getLong(4))),
                afterRepository, afterDigest, before, limit));
        if (candidates.isEmpty()) {
            return new LinkRemoval(List.of(), Optional.empty());
        }
        List<BlobLink> removed = transactions.write("removeUnneededLinks", c -> {
            List<BlobLink> done = new ArrayList<>();
            for (Candidate candidate : candidates) {
                String digest = candidate.link().digest().toString();
                // Lock the link first (PostgreSQL), so the re-check below is a new statement that sees every
                // manifest committed by a push that held the link; then delete only if it is still old and unneeded.
                Sql.first(c, "SELECT 1 FROM repository_blobs WHERE repository_id = ? AND digest = ?"
                        + dialect.forUpdate(), row -> 1, candidate.repositoryId(), digest);
                if (Sql.update(c, "DELETE FROM repository_blobs WHERE repository_id = ? AND digest = ?"
                        + " AND linked_at < ? AND NOT EXISTS (SELECT 1 FROM manifest_blobs m"
                        + " WHERE m.blob_digest = ? AND m.repository_id = ?)"
                        + " AND NOT EXISTS (SELECT 1 FROM expired_manifest_blobs e"
                        + " WHERE e.blob_digest = ? AND e.repository_id = ?)",
                        candidate.repositoryId(), digest, before, digest, candidate.repositoryId(), digest,
                        candidate.repositoryId()) == 1) {
                    done.add(candidate.link());
                }
            }
            return done;
        });
        Candidate last = candidates.getLast();
        return new LinkRemoval(removed, candidates.size() < limit ? Optional.empty()
                : Optional.of(last.repositoryId() + "/" + last.link().digest()));
    }

    // ---- upload sessions

    @Override
    public void createUpload(UploadRecord upload) {
        transactions.write("createUpload", c -> Sql.update(c,
                "INSERT INTO uploads (id, repository, started_at) VALUES (?, ?, ?)",
                upload.id(), upload.repository().value(), upload.startedAt().toEpochMilli()));
    }

    @Override
    public Optional<UploadRecord> findUpload(String id) {
        return transactions.read("findUpload", c -> Sql.first(c,
                "SELECT repository, started_at FROM uploads WHERE id = ?",
                row -> new UploadRecord(id, RepositoryName.parse(row.getString(1)),
                        Instant.ofEpochMilli(row.getLong(2))),
                id));
    }

    @Override
    public boolean deleteUpload(String id) {
        return transactions.write("deleteUpload", c -> Sql.update(c, "DELETE FROM uploads WHERE id = ?", id) == 1);
    }

    @Override
    public List<UploadRecord> uploadsStartedBefore(Instant before, int limit) {
        if (requireLimit(limit) == 0) {
            return List.of();
        }
        return transactions.read("uploadsStartedBefore", c -> Sql.list(c,
                "SELECT id, repository, started_at FROM uploads WHERE started_at < ? ORDER BY started_at, id LIMIT ?",
                row -> new UploadRecord(row.getString(1), RepositoryName.parse(row.getString(2)),
                        Instant.ofEpochMilli(row.getLong(3))),
                before.toEpochMilli(), limit));
    }

    /** Shuts the connection pool if {@link #sqlite} made it; a caller-supplied data source stays open. */
    @Override
    public void close() {
        onClose.run();
    }

    /** The database, for tests that inspect it directly. */
    DataSource dataSource() {
        return dataSource;
    }

    // ---- helpers

    private static Optional<Long> repositoryId(Connection c, RepositoryName name) throws SQLException {
        return Sql.first(c, "SELECT id FROM repositories WHERE name = ?", row -> row.getLong(1), name.value());
    }

    /** The repository's id, creating it in the caller's transaction when missing. */
    private static long ensureRepository(Connection c, RepositoryName name, Instant at) throws SQLException {
        Optional<Long> existing = repositoryId(c, name);
        if (existing.isPresent()) {
            return existing.get();
        }
        Sql.update(c, "INSERT INTO repositories (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                name.value(), at.toEpochMilli());
        return repositoryId(c, name).orElseThrow(() -> new SQLException("repository " + name + " was not created"));
    }

    /** Those of {@code digests} without a row in {@code table} for the repository; one query per chunk. */
    private Set<Digest> missing(String operation, String table, RepositoryName repository,
                                Collection<Digest> digests) {
        Map<String, Digest> wanted = new LinkedHashMap<>();
        digests.forEach(d -> wanted.put(d.toString(), d));
        if (wanted.isEmpty()) {
            return Set.of();
        }
        List<String> keys = List.copyOf(wanted.keySet());
        return transactions.read(operation, c -> {
            Set<Digest> missing = new LinkedHashSet<>(wanted.values());
            for (int from = 0; from < keys.size(); from += IN_LIST_CHUNK) {
                List<String> chunk = keys.subList(from, Math.min(keys.size(), from + IN_LIST_CHUNK));
                List<Object> params = new ArrayList<>(chunk.size() + 1);
                params.add(repository.value());
                params.addAll(chunk);
                List<String> found = Sql.list(c, "SELECT x.digest FROM " + table + " x"
                        + " JOIN repositories r ON r.id = x.repository_id"
                        + " WHERE r.name = ? AND x.digest IN (" + Sql.markers(chunk.size()) + ")",
                        row -> row.getString(1), params.toArray());
                found.forEach(d -> missing.remove(wanted.get(d)));
            }
            return Collections.unmodifiableSet(missing);
        });
    }

    /**
     * Those of {@code digests} without a row in {@code table} (keyed by repository id and digest) for the
     * repository, read inside the caller's transaction and share-locked where the dialect needs it.
     */
    private List<Digest> absentRows(Connection c, String table, long repository, List<String> digests)
            throws SQLException {
        List<Digest> absent = new ArrayList<>();
        for (int from = 0; from < digests.size(); from += IN_LIST_CHUNK) {
            List<String> chunk = digests.subList(from, Math.min(digests.size(), from + IN_LIST_CHUNK));
            List<Object> params = new ArrayList<>(chunk.size() + 1);
            params.add(repository);
            params.addAll(chunk);
            Set<String> found = new java.util.HashSet<>(Sql.list(c, "SELECT digest FROM " + table
                    + " WHERE repository_id = ? AND digest IN (" + Sql.markers(chunk.size()) + ")"
                    + dialect.forShare(), row -> row.getString(1), params.toArray()));
            chunk.stream().filter(d -> !found.contains(d)).map(Digest::parse).forEach(absent::add);
        }
        return absent;
    }

    private static List<String> distinct(Collection<Digest> digests) {
        return digests == null ? List.of() : digests.stream().map(Digest::toString).distinct().toList();
    }

    private static List<Object[]> rows(long repository, String manifest, List<String> references) {
        return references.stream().map(r -> new Object[] {repository, manifest, r}).toList();
    }

    private static int requireLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        return limit;
    }

    private static RepositoryName name(ResultSet row) throws SQLException {
        return RepositoryName.parse(row.getString(1));
    }

    private static Tag tag(ResultSet row) throws SQLException {
        return Tag.parse(row.getString(1));
    }
}
