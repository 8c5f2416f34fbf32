package dev.berth.metadata;

import dev.berth.oci.RepositoryName;
import dev.berth.oci.TagMutability;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link RepositorySettingsStore} over the database of a {@link JdbcMetadataStore}, sharing its connections and its
 * queue of writers (so on SQLite the two never contend inside the database). Same SQL on SQLite and PostgreSQL;
 * schema V2 (docs/metadata.md). Thread-safe; failures of the database surface as {@link MetadataException}.
 */
final class JdbcRepositorySettingsStore implements RepositorySettingsStore {
    private static final String SELECT = "SELECT " + RepositoryRows.COLUMNS + " FROM repositories r";
    private static final int CHUNK = JdbcMetadataStore.IN_LIST_CHUNK;

    private final Transactions transactions;

    JdbcRepositorySettingsStore(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void create(RepositorySettings settings, Collection<ResourceTag> resourceTags) {
        Objects.requireNonNull(settings, "settings");
        Collection<ResourceTag> tags = lastValuePerKey(resourceTags);
        if (tags.size() > ResourceTag.MAX_PER_RESOURCE) {
            throw new TooManyResourceTagsException(settings.name(), tags.size());
        }
        transactions.write("createRepository", c -> {
            int inserted = Sql.update(c, "INSERT INTO repositories (name, created_at, registry_id, tag_mutability,"
                            + " tag_mutability_exclusions, scan_on_push, encryption_type, kms_key)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING",
                    settings.name().value(), settings.createdAt().toEpochMilli(), settings.registryId(),
                    settings.tagMutability().mode().name(), RepositoryRows.exclusionsColumn(settings.tagMutability()),
                    settings.scanOnPush() ? 1 : 0, settings.encryption().type().name(), settings.encryption().kmsKey());
            if (inserted == 0) {
                throw new RepositoryAlreadyExistsException(settings.name());
            }
            upsertTags(c, repositoryId(c, settings.name()).orElseThrow(), tags);
            return null;
        });
    }

    @Override
    public Optional<RepositorySettings> find(RepositoryName name) {
        Objects.requireNonNull(name, "name");
        return transactions.read("findRepository", c -> find(c, name));
    }

    @Override
    public List<RepositorySettings> find(Collection<RepositoryName> names) {
        List<String> wanted = names.stream().map(RepositoryName::value).distinct().toList();
        if (wanted.isEmpty()) {
            return List.of();
        }
        return transactions.read("findRepositories", c -> {
            List<RepositorySettings> found = new ArrayList<>();
            for (int from = 0; from < wanted.size(); from += CHUNK) {
                List<String> chunk = wanted.subList(from, Math.min(wanted.size(), from + CHUNK));
                found.addAll(Sql.list(c, SELECT + " WHERE r.name IN (" + Sql.markers(chunk.size()) + ")",
                        RepositoryRows::read, chunk.toArray()));
            }
            found.sort(Comparator.comparing(RepositorySettings::name));
            return List.copyOf(found);
        });
    }

    @Override
    public List<RepositorySettings> list(RepositoryName after, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        return transactions.read("listRepositorySettings", c -> after == null
                ? Sql.list(c, SELECT + " ORDER BY r.name LIMIT ?", RepositoryRows::read, limit)
                : Sql.list(c, SELECT + " WHERE r.name > ? ORDER BY r.name LIMIT ?", RepositoryRows::read,
                        after.value(), limit));
    }

    @Override
    public Optional<RepositorySettings> updateTagMutability(RepositoryName name, TagMutability mutability) {
        Objects.requireNonNull(mutability, "mutability");
        return update("updateTagMutability", name,
                "tag_mutability = ?, tag_mutability_exclusions = ?",
                mutability.mode().name(), RepositoryRows.exclusionsColumn(mutability));
    }

    @Override
    public Optional<RepositorySettings> updateScanOnPush(RepositoryName name, boolean scanOnPush) {
        return update("updateScanOnPush", name, "scan_on_push = ?", scanOnPush ? 1 : 0);
    }

    @Override
    public Optional<List<ResourceTag>> resourceTags(RepositoryName name) {
        Objects.requireNonNull(name, "name");
        // One statement: no row means no repository, a row with a NULL key a repository without tags.
        return transactions.read("resourceTags", c -> {
            List<Optional<ResourceTag>> rows = Sql.list(c, "SELECT t.tag_key, t.tag_value FROM repositories r"
                            + " LEFT JOIN repository_resource_tags t ON t.repository_id = r.id"
                            + " WHERE r.name = ? ORDER BY t.tag_key",
                    row -> {
                        String key = row.getString(1);
                        return key == null ? Optional.<ResourceTag>empty()
                                : Optional.of(resourceTag(key, row.getString(2)));
                    },
                    name.value());
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.stream().flatMap(Optional::stream).toList());
        });
    }

    @Override
    public boolean putResourceTags(RepositoryName name, Collection<ResourceTag> tags) {
        Objects.requireNonNull(name, "name");
        Collection<ResourceTag> distinct = lastValuePerKey(tags);
        return transactions.write("putResourceTags", c -> {
            Optional<Long> id = repositoryId(c, name);
            if (id.isEmpty()) {
                return false;
            }
            upsertTags(c, id.get(), distinct);
            int count = Sql.first(c, "SELECT COUNT(*) FROM repository_resource_tags WHERE repository_id = ?",
                    row -> row.getInt(1), id.get()).orElse(0);
            if (count > ResourceTag.MAX_PER_RESOURCE) {
                throw new TooManyResourceTagsException(name, count);   // rolls the upserts back
            }
            return true;
        });
    }

    @Override
    public boolean removeResourceTags(RepositoryName name, Collection<String> keys) {
        Objects.requireNonNull(name, "name");
        List<String> distinct = keys.stream().distinct().toList();
        return transactions.write("removeResourceTags", c -> {
            Optional<Long> id = repositoryId(c, name);
            if (id.isEmpty()) {
                return false;
            }
            Sql.batch(c, "DELETE FROM repository_resource_tags WHERE repository_id = ? AND tag_key = ?",
                    distinct.stream().map(key -> new Object[] {id.get(), key}).toList());
            return true;
        });
    }

    @Override
    public Optional<DeletedRepository> delete(RepositoryName name, boolean force) {
        Objects.requireNonNull(name, "name");
        return transactions.write("deleteRepository", c -> {
            Optional<RepositorySettings> settings = find(c, name);
            if (settings.isEmpty()) {
                return Optional.empty();
            }
            long id = repositoryId(c, name).orElseThrow();
            if (!force && Sql.first(c, "SELECT 1 FROM manifests WHERE repository_id = ? LIMIT 1",
                    row -> true, id).isPresent()) {
                throw new RepositoryNotEmptyException(name);
            }
            List<String> uploads = Sql.list(c, "SELECT id FROM uploads WHERE repository = ? ORDER BY id",
                    row -> row.getString(1), name.value());
            // Children first and explicitly, as deleteManifest does: no reliance on ON DELETE CASCADE, which a
            // caller-supplied SQLite connection without foreign_keys=ON would skip.
            for (String table : List.of("tags", "manifest_children", "manifest_blobs", "image_scans", "pull_gates",
                    "manifests", "expired_manifest_children", "expired_manifest_blobs", "expired_manifests",
                    "repository_blobs", "repository_resource_tags",
                    "repository_policies")) {
                Sql.update(c, "DELETE FROM " + table + " WHERE repository_id = ?", id);
            }
            Sql.update(c, "DELETE FROM uploads WHERE repository = ?", name.value());
            Sql.update(c, "DELETE FROM repositories WHERE id = ?", id);
            return Optional.of(new DeletedRepository(settings.get(), uploads));
        });
    }

    // ---- helpers

    private Optional<RepositorySettings> update(String operation, RepositoryName name, String assignments,
                                                Object... values) {
        Objects.requireNonNull(name, "name");
        List<Object> params = new ArrayList<>(Arrays.asList(values));   // values may hold a NULL
        params.add(name.value());
        return transactions.write(operation, c -> {
            if (Sql.update(c, "UPDATE repositories SET " + assignments + " WHERE name = ?", params.toArray()) == 0) {
                return Optional.empty();
            }
            return find(c, name);
        });
    }

    private static Optional<RepositorySettings> find(Connection c, RepositoryName name) throws SQLException {
        return Sql.first(c, SELECT + " WHERE r.name = ?", RepositoryRows::read, name.value());
    }

    private static Optional<Long> repositoryId(Connection c, RepositoryName name) throws SQLException {
        return Sql.first(c, "SELECT id FROM repositories WHERE name = ?", row -> row.getLong(1), name.value());
    }

    private static void upsertTags(Connection c, long repositoryId, Collection<ResourceTag> tags)
            throws SQLException {
        Sql.batch(c, "INSERT INTO repository_resource_tags (repository_id, tag_key, tag_value) VALUES (?, ?, ?)"
                        + " ON CONFLICT (repository_id, tag_key) DO UPDATE SET tag_value = excluded.tag_value",
                tags.stream().map(t -> new Object[] {repositoryId, t.key(), t.value()}).toList());
    }

    /** The tags with one entry per key, the last given value winning, in the order keys first appeared. */
    private static Collection<ResourceTag> lastValuePerKey(Collection<ResourceTag> tags) {
        Map<String, ResourceTag> byKey = new LinkedHashMap<>();
        for (ResourceTag tag : tags) {
            byKey.put(Objects.requireNonNull(tag, "resource tag").key(), tag);
        }
        return byKey.values();
    }

    private static ResourceTag resourceTag(String key, String value) {
        try {
            return new ResourceTag(key, value);
        } catch (IllegalArgumentException e) {
            throw new MetadataException("stored resource tag is not valid: " + e.getMessage(), e);
        }
    }
}
