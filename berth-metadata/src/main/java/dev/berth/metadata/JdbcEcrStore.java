package dev.berth.metadata;

import dev.berth.oci.Digest;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link EcrStore} over JDBC, on the tables of schema V4 (and the manifests and tags of V1). Shares the
 * {@link JdbcMetadataStore}'s connections and write queue. Thread-safe.
 */
final class JdbcEcrStore implements EcrStore {
    private static final String REPOSITORY_ID = "(SELECT id FROM repositories WHERE name = ?)";
    private static final String IMAGE_COLUMNS =
            "m.digest, m.media_type, m.size, m.pushed_at, m.artifact_type, m.last_pulled_at, m.pull_count";
    private static final String HAS_TAG =
            "EXISTS (SELECT 1 FROM tags u WHERE u.repository_id = m.repository_id AND u.manifest_digest = m.digest)";

    private final Transactions transactions;

    JdbcEcrStore(Transactions transactions) {
        this.transactions = transactions;
    }

    // ---- resource policies

    @Override
    public Optional<String> repositoryPolicy(RepositoryName repository) {
        return transactions.read("repositoryPolicy", c -> Sql.first(c,
                "SELECT policy_text FROM repository_policies WHERE repository_id = " + REPOSITORY_ID,
                row -> row.getString(1), repository.value()));
    }

    @Override
    public boolean putRepositoryPolicy(RepositoryName repository, String policyText, Instant at) {
        Objects.requireNonNull(policyText, "policyText");
        return transactions.write("putRepositoryPolicy", c -> {
            Optional<Long> id = repositoryId(c, repository);
            if (id.isEmpty()) {
                return false;
            }
            Sql.update(c, "INSERT INTO repository_policies (repository_id, policy_text, updated_at) VALUES (?, ?, ?)"
                    + " ON CONFLICT (repository_id) DO UPDATE SET policy_text = excluded.policy_text,"
                    + " updated_at = excluded.updated_at", id.get(), policyText, at.toEpochMilli());
            return true;
        });
    }

    @Override
    public Optional<String> deleteRepositoryPolicy(RepositoryName repository) {
        return transactions.write("deleteRepositoryPolicy", c -> {
            Optional<Long> id = repositoryId(c, repository);
            if (id.isEmpty()) {
                return Optional.empty();
            }
            Optional<String> text = Sql.first(c, "SELECT policy_text FROM repository_policies WHERE repository_id = ?",
                    row -> row.getString(1), id.get());
            Sql.update(c, "DELETE FROM repository_policies WHERE repository_id = ?", id.get());
            return text;
        });
    }

    @Override
    public Optional<String> registryPolicy(String registryId) {
        return transactions.read("registryPolicy", c -> Sql.first(c,
                "SELECT policy_text FROM registry_policies WHERE registry_id = ?", row -> row.getString(1), registryId));
    }

    @Override
    public void putRegistryPolicy(String registryId, String policyText, Instant at) {
        Objects.requireNonNull(policyText, "policyText");
        transactions.write("putRegistryPolicy", c -> Sql.update(c,
                "INSERT INTO registry_policies (registry_id, policy_text, updated_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT (registry_id) DO UPDATE SET policy_text = excluded.policy_text,"
                        + " updated_at = excluded.updated_at", registryId, policyText, at.toEpochMilli()));
    }

    @Override
    public Optional<String> deleteRegistryPolicy(String registryId) {
        return transactions.write("deleteRegistryPolicy", c -> {
            Optional<String> text = Sql.first(c, "SELECT policy_text FROM registry_policies WHERE registry_id = ?",
                    row -> row.getString(1), registryId);
            Sql.update(c, "DELETE FROM registry_policies WHERE registry_id = ?", registryId);
            return text;
        });
    }

    // ---- images

    @Override
    public List<ImageId> listImages(RepositoryName repository, TagStatus status, ImageId after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT m.digest, t.name FROM manifests m"
                + " JOIN repositories r ON r.id = m.repository_id"
                + " LEFT JOIN tags t ON t.repository_id = m.repository_id AND t.manifest_digest = m.digest"
                + " WHERE r.name = ?");
        List<Object> params = new ArrayList<>(List.of(repository.value()));
        switch (status) {
            case TAGGED -> sql.append(" AND t.name IS NOT NULL");
            case UNTAGGED -> sql.append(" AND t.name IS NULL");
            case ANY -> { }
        }
        if (after != null) {
            // An untagged entry sorts as the empty tag, before every tag of the same digest.
            sql.append(" AND (m.digest > ? OR (m.digest = ? AND COALESCE(t.name, '') > ?))");
            params.add(after.digest().toString());
            params.add(after.digest().toString());
            params.add(after.tagIfAny().map(Tag::value).orElse(""));
        }
        sql.append(" ORDER BY m.digest, COALESCE(t.name, '') LIMIT ?");
        params.add(limit);
        return transactions.read("listImages", c -> Sql.list(c, sql.toString(), row -> {
            String tag = row.getString(2);
            return new ImageId(Digest.parse(row.getString(1)), tag == null ? null : Tag.parse(tag));
        }, params.toArray()));
    }

    @Override
    public List<ImageSummary> describeImages(RepositoryName repository, TagStatus status, Digest after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT " + IMAGE_COLUMNS + " FROM manifests m"
                + " JOIN repositories r ON r.id = m.repository_id WHERE r.name = ?");
        List<Object> params = new ArrayList<>(List.of(repository.value()));
        switch (status) {
            case TAGGED -> sql.append(" AND ").append(HAS_TAG);
            case UNTAGGED -> sql.append(" AND NOT ").append(HAS_TAG);
            case ANY -> { }
        }
        if (after != null) {
            sql.append(" AND m.digest > ?");
            params.add(after.toString());
        }
        sql.append(" ORDER BY m.digest LIMIT ?");
        params.add(limit);
        return transactions.read("describeImages", c -> {
            List<ImageRow> rows = Sql.list(c, sql.toString(), JdbcEcrStore::imageRow, params.toArray());
            return summaries(c, repository, rows);
        });
    }

    @Override
    public List<ImageSummary> describeImages(RepositoryName repository, Collection<Digest> digests) {
        List<String> wanted = digests.stream().map(Digest::toString).distinct().sorted().toList();
        if (wanted.isEmpty()) {
            return List.of();
        }
        return transactions.read("describeImages", c -> {
            List<ImageRow> rows = new ArrayList<>();
            for (List<String> chunk : chunks(wanted)) {
                List<Object> params = new ArrayList<>(List.of(repository.value()));
                params.addAll(chunk);
                rows.addAll(Sql.list(c, "SELECT " + IMAGE_COLUMNS + " FROM manifests m"
                        + " JOIN repositories r ON r.id = m.repository_id WHERE r.name = ? AND m.digest IN ("
                        + Sql.markers(chunk.size()) + ") ORDER BY m.digest", JdbcEcrStore::imageRow, params.toArray()));
            }
            return summaries(c, repository, rows);
        });
    }

    @Override
    public void recordPulls(Collection<PullTally> tallies) {
        if (tallies.isEmpty()) {
            return;
        }
        List<Object[]> rows = tallies.stream().map(t -> new Object[] {t.count(), t.lastPulledAt().toEpochMilli(),
                t.lastPulledAt().toEpochMilli(), t.repository().value(), t.digest().toString()}).toList();
        transactions.write("recordPulls", c -> {
            Sql.batch(c, "UPDATE manifests SET pull_count = pull_count + ?, last_pulled_at = CASE"
                    + " WHEN last_pulled_at IS NULL OR last_pulled_at < ? THEN ? ELSE last_pulled_at END"
                    + " WHERE repository_id = " + REPOSITORY_ID + " AND digest = ?", rows);
            return null;
        });
    }

    // ---- lifecycle policies and previews

    @Override
    public Optional<StoredLifecyclePolicy> lifecyclePolicy(RepositoryName repository) {
        return transactions.read("lifecyclePolicy", c -> Sql.first(c,
                "SELECT policy_text, last_evaluated_at FROM lifecycle_policies WHERE repository_id = " + REPOSITORY_ID,
                JdbcEcrStore::storedLifecyclePolicy, repository.value()));
    }

    @Override
    public boolean putLifecyclePolicy(RepositoryName repository, String policyText, Instant at) {
        Objects.requireNonNull(policyText, "policyText");
        return transactions.write("putLifecyclePolicy", c -> {
            Optional<Long> id = repositoryId(c, repository);
            if (id.isEmpty()) {
                return false;
            }
            Sql.update(c, "INSERT INTO lifecycle_policies (repository_id, policy_text, updated_at) VALUES (?, ?, ?)"
                    + " ON CONFLICT (repository_id) DO UPDATE SET policy_text = excluded.policy_text,"
                    + " updated_at = excluded.updated_at", id.get(), policyText, at.toEpochMilli());
            return true;
        });
    }

    @Override
    public Optional<StoredLifecyclePolicy> deleteLifecyclePolicy(RepositoryName repository) {
        return transactions.write("deleteLifecyclePolicy", c -> {
            Optional<Long> id = repositoryId(c, repository);
            if (id.isEmpty()) {
                return Optional.empty();
            }
            Optional<StoredLifecyclePolicy> found = Sql.first(c, "SELECT policy_text, last_evaluated_at"
                    + " FROM lifecycle_policies WHERE repository_id = ?", JdbcEcrStore::storedLifecyclePolicy, id.get());
            Sql.update(c, "DELETE FROM lifecycle_policies WHERE repository_id = ?", id.get());
            return found;
        });
    }

    private static StoredLifecyclePolicy storedLifecyclePolicy(ResultSet row) throws SQLException {
        String text = row.getString(1);
        long evaluated = row.getLong(2);
        return new StoredLifecyclePolicy(text, row.wasNull() ? null : Instant.ofEpochMilli(evaluated));
    }

    @Override
    public boolean putLifecyclePreview(RepositoryName repository, LifecyclePreview preview) {
        return transactions.write("putLifecyclePreview", c -> {
            Optional<Long> id = repositoryId(c, repository);
            if (id.isEmpty()) {
                return false;
            }
            Sql.update(c, "DELETE FROM lifecycle_previews WHERE repository_id = ?", id.get());
            Sql.update(c, "INSERT INTO lifecycle_previews (repository_id, policy_text, status, results, created_at)"
                    + " VALUES (?, ?, ?, ?, ?)", id.get(), preview.policyText(), preview.status(),
                    preview.resultsJson(), preview.createdAt().toEpochMilli());
            return true;
        });
    }

    @Override
    public Optional<LifecyclePreview> lifecyclePreview(RepositoryName repository) {
        return transactions.read("lifecyclePreview", c -> Sql.first(c, "SELECT policy_text, status, results,"
                + " created_at FROM lifecycle_previews WHERE repository_id = " + REPOSITORY_ID,
                row -> new LifecyclePreview(row.getString(1), row.getString(2), row.getString(3),
                        Instant.ofEpochMilli(row.getLong(4))), repository.value()));
    }

    @Override
    public List<LifecycleImage> lifecycleImages(RepositoryName repository) {
        return transactions.read("lifecycleImages", c -> {
            Optional<Long> found = repositoryId(c, repository);
            if (found.isEmpty()) {
                return List.of();
            }
            long id = found.get();
            Map<String, List<Tag>> tags = new HashMap<>();
            for (Object[] t : Sql.list(c, "SELECT manifest_digest, name FROM tags WHERE repository_id = ?"
                    + " ORDER BY name", row -> new Object[] {row.getString(1), row.getString(2)}, id)) {
                tags.computeIfAbsent((String) t[0], k -> new ArrayList<>()).add(Tag.parse((String) t[1]));
            }
            Map<String, List<Digest>> parents = new HashMap<>();
            for (Object[] p : Sql.list(c, "SELECT child_digest, manifest_digest FROM manifest_children"
                    + " WHERE repository_id = ? ORDER BY manifest_digest",
                    row -> new Object[] {row.getString(1), row.getString(2)}, id)) {
                parents.computeIfAbsent((String) p[0], k -> new ArrayList<>()).add(Digest.parse((String) p[1]));
            }
            return Sql.list(c, "SELECT digest, media_type, pushed_at, last_pulled_at, subject_digest FROM manifests"
                    + " WHERE repository_id = ? ORDER BY digest", row -> {
                        String digest = row.getString(1);
                        long pulled = row.getLong(4);
                        Instant lastPulled = row.wasNull() ? null : Instant.ofEpochMilli(pulled);
                        String subject = row.getString(5);
                        return new LifecycleImage(Digest.parse(digest), row.getString(2),
                                Instant.ofEpochMilli(row.getLong(3)), lastPulled, tags.getOrDefault(digest, List.of()),
                                parents.getOrDefault(digest, List.of()), subject == null ? null : Digest.parse(subject));
                    }, id);
        });
    }

    // ---- repository-creation templates

    @Override
    public void createTemplate(RepositoryCreationTemplate template) {
        transactions.write("createTemplate", c -> {
            int inserted = Sql.update(c, "INSERT INTO repository_creation_templates (" + TemplateRows.COLUMNS
                    + ") VALUES (" + Sql.markers(TemplateRows.COLUMN_COUNT) + ") ON CONFLICT (prefix) DO NOTHING",
                    TemplateRows.values(template));
            if (inserted == 0) {
                throw new TemplateAlreadyExistsException(template.prefix());
            }
            return null;
        });
    }

    @Override
    public boolean updateTemplate(RepositoryCreationTemplate template) {
        return transactions.write("updateTemplate", c -> {
            if (Sql.update(c, "DELETE FROM repository_creation_templates WHERE prefix = ?", template.prefix()) == 0) {
                return false;
            }
            Sql.update(c, "INSERT INTO repository_creation_templates (" + TemplateRows.COLUMNS + ") VALUES ("
                    + Sql.markers(TemplateRows.COLUMN_COUNT) + ")", TemplateRows.values(template));
            return true;
        });
    }

    @Override
    public Optional<RepositoryCreationTemplate> deleteTemplate(String prefix) {
        return transactions.write("deleteTemplate", c -> {
            Optional<RepositoryCreationTemplate> found = Sql.first(c, "SELECT " + TemplateRows.COLUMNS
                    + " FROM repository_creation_templates WHERE prefix = ?", TemplateRows::read, prefix);
            Sql.update(c, "DELETE FROM repository_creation_templates WHERE prefix = ?", prefix);
            return found;
        });
    }

    @Override
    public List<RepositoryCreationTemplate> templates() {
        return transactions.read("templates", c -> Sql.list(c, "SELECT " + TemplateRows.COLUMNS
                + " FROM repository_creation_templates ORDER BY prefix", TemplateRows::read));
    }

    // ---- helpers

    /** A manifests row before its tags and size are known. */
    private record ImageRow(String digest, String mediaType, long size, long pushedAt, String artifactType,
                            Long lastPulledAt, long pullCount) {}

    private static ImageRow imageRow(ResultSet row) throws SQLException {
        long pulled = row.getLong("last_pulled_at");
        Long lastPulled = row.wasNull() ? null : pulled;
        return new ImageRow(row.getString("digest"), row.getString("media_type"), row.getLong("size"),
                row.getLong("pushed_at"), row.getString("artifact_type"), lastPulled, row.getLong("pull_count"));
    }

    /** The rows with their tags and sizes: three more queries per chunk of digests, never one per image. */
    private static List<ImageSummary> summaries(Connection c, RepositoryName repository, List<ImageRow> rows)
            throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        long id = repositoryId(c, repository).orElseThrow(() -> new SQLException("repository vanished"));
        List<String> digests = rows.stream().map(ImageRow::digest).toList();
        Map<String, List<Tag>> tags = new HashMap<>();
        Map<String, List<String>> children = new HashMap<>();
        for (List<String> chunk : chunks(digests)) {
            Object[] params = params(id, chunk);
            for (Object[] t : Sql.list(c, "SELECT manifest_digest, name FROM tags WHERE repository_id = ?"
                    + " AND manifest_digest IN (" + Sql.markers(chunk.size()) + ") ORDER BY name",
                    row -> new Object[] {row.getString(1), row.getString(2)}, params)) {
                tags.computeIfAbsent((String) t[0], k -> new ArrayList<>()).add(Tag.parse((String) t[1]));
            }
            for (Object[] ch : Sql.list(c, "SELECT manifest_digest, child_digest FROM manifest_children"
                    + " WHERE repository_id = ? AND manifest_digest IN (" + Sql.markers(chunk.size()) + ")",
                    row -> new Object[] {row.getString(1), row.getString(2)}, params)) {
                children.computeIfAbsent((String) ch[0], k -> new ArrayList<>()).add((String) ch[1]);
            }
        }
        List<String> sized = new ArrayList<>(digests);
        children.values().forEach(sized::addAll);
        Map<String, Long> blobSums = blobSums(c, id, sized.stream().distinct().toList());
        List<ImageSummary> out = new ArrayList<>(rows.size());
        for (ImageRow r : rows) {
            List<String> kids = children.get(r.digest());
            long size = kids == null ? blobSums.getOrDefault(r.digest(), 0L)
                    : kids.stream().mapToLong(k -> blobSums.getOrDefault(k, 0L)).max().orElse(0L);
            out.add(new ImageSummary(repository, Digest.parse(r.digest()), r.mediaType(), r.artifactType(), r.size(),
                    Instant.ofEpochMilli(r.pushedAt()), tags.getOrDefault(r.digest(), List.of()), size,
                    r.lastPulledAt() == null ? null : Instant.ofEpochMilli(r.lastPulledAt()), r.pullCount()));
        }
        return out;
    }

    /** Per manifest, the summed sizes of the blobs it references that are linked in the repository. */
    private static Map<String, Long> blobSums(Connection c, long repositoryId, List<String> manifests)
            throws SQLException {
        Map<String, Long> sums = new HashMap<>();
        for (List<String> chunk : chunks(manifests)) {
            for (Object[] s : Sql.list(c, "SELECT mb.manifest_digest, SUM(rb.size) FROM manifest_blobs mb"
                    + " JOIN repository_blobs rb ON rb.repository_id = mb.repository_id AND rb.digest = mb.blob_digest"
                    + " WHERE mb.repository_id = ? AND mb.manifest_digest IN (" + Sql.markers(chunk.size()) + ")"
                    + " GROUP BY mb.manifest_digest", row -> new Object[] {row.getString(1), row.getLong(2)},
                    params(repositoryId, chunk))) {
                sums.put((String) s[0], (Long) s[1]);
            }
        }
        return sums;
    }

    private static Object[] params(long repositoryId, List<String> digests) {
        Object[] params = new Object[digests.size() + 1];
        params[0] = repositoryId;
        for (int i = 0; i < digests.size(); i++) {
            params[i + 1] = digests.get(i);
        }
        return params;
    }

    private static List<List<String>> chunks(List<String> all) {
        List<List<String>> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += JdbcMetadataStore.IN_LIST_CHUNK) {
            out.add(all.subList(from, Math.min(all.size(), from + JdbcMetadataStore.IN_LIST_CHUNK)));
        }
        return out;
    }

    private static Optional<Long> repositoryId(Connection c, RepositoryName name) throws SQLException {
        return Sql.first(c, "SELECT id FROM repositories WHERE name = ?", row -> row.getLong(1), name.value());
    }
}
