package dev.berth.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.oci.Digest;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link LifecycleStore} over JDBC, on the tables of schema V7 (and the manifests, tags and audit events of V1 and
 * V6). Expiry moves an image's rows into the {@code expired_*} tables; restore moves them back; the final deletion
 * drops them. Shares the {@link JdbcMetadataStore}'s connections and write queue. Thread-safe.
 */
final class JdbcLifecycleStore implements LifecycleStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MANIFEST_COLUMNS = "repository_id, digest, media_type, size, pushed_at,"
            + " subject_digest, artifact_type, annotations, last_pulled_at, pull_count";
    private static final String RUN_COLUMNS = "r.id, r.job_id, r.repository, r.policy_text, r.evaluated_at, r.state,"
            + " r.finished_at,"
            + " (SELECT COUNT(*) FROM lifecycle_run_items i WHERE i.run_id = r.id AND i.state = 'EXPIRED'),"
            + " (SELECT COUNT(*) FROM lifecycle_run_items i WHERE i.run_id = r.id AND i.state = 'SKIPPED'),"
            + " (SELECT COUNT(*) FROM lifecycle_run_items i WHERE i.run_id = r.id AND i.state = 'PENDING')";

    private final Transactions transactions;

    JdbcLifecycleStore(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public List<RepositoryName> repositoriesWithPolicy() {
        return transactions.read("repositoriesWithPolicy", c -> Sql.list(c, "SELECT r.name FROM repositories r"
                + " JOIN lifecycle_policies p ON p.repository_id = r.id ORDER BY r.name",
                row -> RepositoryName.parse(row.getString(1))));
    }

    // ---- runs

    @Override
    public LifecycleRun startRun(long jobId, RepositoryName repository, String policyText, Instant evaluatedAt,
                                 List<PlannedExpiry> plan) {
        Objects.requireNonNull(policyText, "policyText");
        return transactions.write("startLifecycleRun", c -> {
            Optional<LifecycleRun> existing = runWhere(c, "r.job_id = ?", jobId);
            if (existing.isPresent()) {
                return existing.get();
            }
            Sql.update(c, "INSERT INTO lifecycle_runs (job_id, repository, policy_text, evaluated_at, state)"
                    + " VALUES (?, ?, ?, ?, 'RUNNING')", jobId, repository.value(), policyText,
                    evaluatedAt.toEpochMilli());
            long runId = Sql.first(c, "SELECT id FROM lifecycle_runs WHERE job_id = ?", row -> row.getLong(1), jobId)
                    .orElseThrow();
            Sql.batch(c, "INSERT INTO lifecycle_run_items (run_id, digest, grp, tags, detail, state)"
                    + " VALUES (?, ?, ?, ?, ?, 'PENDING')", plan.stream().map(p -> new Object[] {runId,
                    p.digest().toString(), p.group(), tagsJson(p.tags()), p.detail()}).toList());
            Sql.update(c, "UPDATE lifecycle_policies SET last_evaluated_at = ? WHERE repository_id ="
                    + " (SELECT id FROM repositories WHERE name = ?)", evaluatedAt.toEpochMilli(), repository.value());
            return runWhere(c, "r.id = ?", runId).orElseThrow();
        });
    }

    @Override
    public Optional<LifecycleRun> runOfJob(long jobId) {
        return transactions.read("lifecycleRunOfJob", c -> runWhere(c, "r.job_id = ?", jobId));
    }

    @Override
    public Optional<LifecycleRun> run(long runId) {
        return transactions.read("lifecycleRun", c -> runWhere(c, "r.id = ?", runId));
    }

    private static Optional<LifecycleRun> runWhere(Connection c, String condition, long value) throws SQLException {
        return Sql.first(c, "SELECT " + RUN_COLUMNS + " FROM lifecycle_runs r WHERE " + condition, row -> {
            long finished = row.getLong(7);
            Optional<Instant> finishedAt = row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(finished));
            return new LifecycleRun(row.getLong(1), row.getLong(2), RepositoryName.parse(row.getString(3)),
                    row.getString(4), Instant.ofEpochMilli(row.getLong(5)), row.getString(6).equals("DONE"),
                    finishedAt, row.getInt(8), row.getInt(9), row.getInt(10));
        }, value);
    }

    @Override
    public void finishRun(long runId, Instant at) {
        transactions.write("finishLifecycleRun", c -> Sql.update(c, "UPDATE lifecycle_runs SET state = 'DONE',"
                + " finished_at = ? WHERE id = ? AND state <> 'DONE'", at.toEpochMilli(), runId));
    }

    private record Item(String digest, int group, List<String> tags, String detail) {}

    @Override
    public int expireNext(long runId, int maxImages, Instant at, Instant restoreUntil) {
        return transactions.write("expireLifecycleImages", c -> {
            Optional<String> repository = Sql.first(c, "SELECT repository FROM lifecycle_runs WHERE id = ?",
                    row -> row.getString(1), runId);
            if (repository.isEmpty()) {
                return 0;
            }
            List<Integer> groups = Sql.list(c, "SELECT grp FROM lifecycle_run_items WHERE run_id = ?"
                    + " AND state = 'PENDING' ORDER BY grp LIMIT ?", row -> row.getInt(1), runId, maxImages)
                    .stream().distinct().toList();
            if (groups.isEmpty()) {
                return 0;
            }
            List<Object> params = new ArrayList<>(List.of(runId));
            params.addAll(groups);
            Map<Integer, List<Item>> byGroup = new LinkedHashMap<>();
            for (Item item : Sql.list(c, "SELECT digest, grp, tags, detail FROM lifecycle_run_items WHERE run_id = ?"
                    + " AND state = 'PENDING' AND grp IN (" + Sql.markers(groups.size()) + ") ORDER BY grp, digest",
                    row -> new Item(row.getString(1), row.getInt(2), tagsFromJson(row.getString(3)), row.getString(4)),
                    params.toArray())) {
                byGroup.computeIfAbsent(item.group(), g -> new ArrayList<>()).add(item);
            }
            Optional<Long> repositoryId = Sql.first(c, "SELECT id FROM repositories WHERE name = ?",
                    row -> row.getLong(1), repository.get());
            List<Item> leaving = new ArrayList<>();
            List<Item> skipped = new ArrayList<>();
            if (repositoryId.isEmpty()) {
                byGroup.values().forEach(skipped::addAll);
            } else {
                Links links = links(c, repositoryId.get(), byGroup.values().stream().flatMap(List::stream)
                        .map(Item::digest).toList());
                for (List<Item> group : byGroup.values()) {
                    (links.unchanged(group) ? leaving : skipped).addAll(group);
                }
                archive(c, repositoryId.get(), repository.get(), leaving, runId, at, restoreUntil);
            }
            Sql.batch(c, "UPDATE lifecycle_run_items SET state = ? WHERE run_id = ? AND digest = ?",
                    java.util.stream.Stream.concat(leaving.stream().map(i -> new Object[] {"EXPIRED", runId, i.digest()}),
                            skipped.stream().map(i -> new Object[] {"SKIPPED", runId, i.digest()})).toList());
            return leaving.size() + skipped.size();
        });
    }

    /** What the store holds now about the batch's images: which exist, their tags, who lists or refers to them. */
    private record Links(Set<String> live, Map<String, List<String>> tags, Map<String, List<String>> dependents) {

        /**
         * Whether every member of the group is still as evaluated: present, with the same tags, and neither the
         * subject of a referrer nor the child of an index outside the group (pushed since the evaluation).
         */
        boolean unchanged(List<Item> group) {
            Set<String> members = new HashSet<>();
            group.forEach(i -> members.add(i.digest()));
            for (Item item : group) {
                if (!live.contains(item.digest())
                        || !tags.getOrDefault(item.digest(), List.of()).equals(item.tags().stream().sorted().toList())
                        || !members.containsAll(dependents.getOrDefault(item.digest(), List.of()))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Reads {@link Links} for the digests with a fixed number of queries per chunk. */
    private static Links links(Connection c, long repositoryId, List<String> digests) throws SQLException {
        Set<String> live = new HashSet<>();
        Map<String, List<String>> tags = new HashMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        for (List<String> chunk : chunks(digests)) {
            List<Object> params = new ArrayList<>(List.of(repositoryId));
            params.addAll(chunk);
            String in = " IN (" + Sql.markers(chunk.size()) + ")";
            live.addAll(Sql.list(c, "SELECT digest FROM manifests WHERE repository_id = ? AND digest" + in,
                    row -> row.getString(1), params.toArray()));
            for (String[] t : Sql.list(c, "SELECT manifest_digest, name FROM tags WHERE repository_id = ?"
                    + " AND manifest_digest" + in + " ORDER BY name", row -> new String[] {row.getString(1),
                    row.getString(2)}, params.toArray())) {
                tags.computeIfAbsent(t[0], k -> new ArrayList<>()).add(t[1]);
            }
            for (String[] r : Sql.list(c, "SELECT subject_digest, digest FROM manifests WHERE repository_id = ?"
                    + " AND subject_digest" + in, row -> new String[] {row.getString(1), row.getString(2)},
                    params.toArray())) {
                dependents.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[1]);
            }
            for (String[] p : Sql.list(c, "SELECT child_digest, manifest_digest FROM manifest_children"
                    + " WHERE repository_id = ? AND child_digest" + in, row -> new String[] {row.getString(1),
                    row.getString(2)}, params.toArray())) {
                dependents.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p[1]);
            }
        }
        return new Links(live, tags, dependents);
    }

    /**
     * Moves the images' rows into the archive, drops their tags, and appends an audit event per image: one batch per
     * statement, whatever the number of images.
     */
    private static void archive(Connection c, long repositoryId, String repository, List<Item> items, long runId,
                                Instant at, Instant restoreUntil) throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        List<Object[]> keys = items.stream().map(i -> new Object[] {repositoryId, i.digest()}).toList();
        dropArchived(c, keys);   // earlier expiries of the same digests, pushed again since
        List<Object[]> rows = new ArrayList<>();
        List<AuditEvent> events = new ArrayList<>();
        for (Item item : items) {
            ObjectNode detail = object(item.detail());
            detail.put("runId", runId).put("restorableUntil", restoreUntil.toString());
            rows.add(new Object[] {JSON.valueToTree(item.tags()).toString(), at.toEpochMilli(),
                    restoreUntil.toEpochMilli(), runId, detail.toString(), repositoryId, item.digest()});
            events.add(AuditEvent.of(at, ACTOR, "lifecycle:ExpireImage", repository, item.digest(),
                    detail.toString()));
        }
        Sql.batch(c, "INSERT INTO expired_manifests (" + MANIFEST_COLUMNS + ", tags, expired_at, restore_until,"
                + " run_id, detail) SELECT " + MANIFEST_COLUMNS + ", ?, ?, ?, ?, ? FROM manifests"
                + " WHERE repository_id = ? AND digest = ?", rows);
        for (String table : List.of("manifest_blobs", "manifest_children")) {
            String column = table.equals("manifest_blobs") ? "blob_digest" : "child_digest";
            Sql.batch(c, "INSERT INTO expired_" + table + " (repository_id, manifest_digest, " + column + ")"
                    + " SELECT repository_id, manifest_digest, " + column + " FROM " + table
                    + " WHERE repository_id = ? AND manifest_digest = ?", keys);
        }
        for (String table : List.of("tags", "manifest_blobs", "manifest_children")) {
            Sql.batch(c, "DELETE FROM " + table + " WHERE repository_id = ? AND manifest_digest = ?", keys);
        }
        Sql.batch(c, "DELETE FROM manifests WHERE repository_id = ? AND digest = ?", keys);
        JdbcAuditLog.insertAll(c, events);
    }

    private static void dropArchived(Connection c, long repositoryId, String digest) throws SQLException {
        List<Object[]> key = List.<Object[]>of(new Object[] {repositoryId, digest});
        dropArchived(c, key);
    }

    private static void dropArchived(Connection c, List<Object[]> keys) throws SQLException {
        for (String table : List.of("expired_manifest_blobs", "expired_manifest_children")) {
            Sql.batch(c, "DELETE FROM " + table + " WHERE repository_id = ? AND manifest_digest = ?", keys);
        }
        Sql.batch(c, "DELETE FROM expired_manifests WHERE repository_id = ? AND digest = ?", keys);
    }

    // ---- the archive

    @Override
    public List<ExpiredImage> expiredImages(RepositoryName repository, Instant now) {
        return transactions.read("expiredImages", c -> Sql.list(c, "SELECT e.digest, e.media_type, e.size,"
                + " e.pushed_at, e.tags, e.subject_digest, e.expired_at, e.restore_until, e.run_id, e.detail"
                + " FROM expired_manifests e JOIN repositories r ON r.id = e.repository_id"
                + " WHERE r.name = ? AND e.restore_until > ? ORDER BY e.digest", row -> {
                    String subject = row.getString(6);
                    return new ExpiredImage(Digest.parse(row.getString(1)), row.getString(2), row.getLong(3),
                            Instant.ofEpochMilli(row.getLong(4)),
                            tagsFromJson(row.getString(5)).stream().map(Tag::parse).toList(),
                            Optional.ofNullable(subject).map(Digest::parse), Instant.ofEpochMilli(row.getLong(7)),
                            Instant.ofEpochMilli(row.getLong(8)), row.getLong(9), row.getString(10));
                }, repository.value(), now.toEpochMilli()));
    }

    @Override
    public Optional<RestoreOutcome> restore(RepositoryName repository, Digest digest, Instant now, String actor) {
        Objects.requireNonNull(actor, "actor");
        long at = now.toEpochMilli();
        return transactions.write("restoreExpiredImage", c -> {
            Optional<Long> found = Sql.first(c, "SELECT id FROM repositories WHERE name = ?", row -> row.getLong(1),
                    repository.value());
            if (found.isEmpty()) {
                return Optional.empty();
            }
            long id = found.get();
            String open = " AND restore_until > ?";
            if (Sql.first(c, "SELECT 1 FROM expired_manifests WHERE repository_id = ? AND digest = ?" + open,
                    row -> true, id, digest.toString(), at).isEmpty()) {
                return Optional.empty();
            }
            // The image, then what went with it: its referrers and the children it lists, at any depth.
            Set<String> closure = new LinkedHashSet<>();
            Deque<String> next = new ArrayDeque<>(List.of(digest.toString()));
            while (!next.isEmpty()) {
                String d = next.poll();
                if (!closure.add(d)) {
                    continue;
                }
                next.addAll(Sql.list(c, "SELECT digest FROM expired_manifests WHERE repository_id = ?"
                        + " AND subject_digest = ?" + open + " ORDER BY digest", row -> row.getString(1), id, d, at));
                next.addAll(Sql.list(c, "SELECT x.child_digest FROM expired_manifest_children x JOIN expired_manifests e"
                        + " ON e.repository_id = x.repository_id AND e.digest = x.child_digest"
                        + " WHERE x.repository_id = ? AND x.manifest_digest = ? AND e.restore_until > ?"
                        + " ORDER BY x.child_digest", row -> row.getString(1), id, d, at));
            }
            List<Digest> restored = new ArrayList<>();
            List<Tag> tags = new ArrayList<>();
            Map<Tag, Digest> inUse = new LinkedHashMap<>();
            for (String d : closure) {
                restoreOne(c, id, repository, d, now, actor, tags, inUse);
                restored.add(Digest.parse(d));
            }
            return Optional.of(new RestoreOutcome(restored, tags, inUse));
        });
    }

    private static void restoreOne(Connection c, long id, RepositoryName repository, String digest, Instant now,
                                   String actor, List<Tag> restoredTags, Map<Tag, Digest> inUse) throws SQLException {
        Object[] key = {id, digest};
        String[] archived = Sql.first(c, "SELECT tags, run_id FROM expired_manifests WHERE repository_id = ?"
                + " AND digest = ?", row -> new String[] {row.getString(1), Long.toString(row.getLong(2))}, key)
                .orElseThrow();
        boolean live = Sql.first(c, "SELECT 1 FROM manifests WHERE repository_id = ? AND digest = ?", row -> true,
                key).isPresent();
        if (!live) {   // else it was pushed again since it expired: the pushed rows stay as they are
            Sql.update(c, "INSERT INTO manifests (" + MANIFEST_COLUMNS + ") SELECT " + MANIFEST_COLUMNS
                    + " FROM expired_manifests WHERE repository_id = ? AND digest = ?", key);
            Sql.update(c, "INSERT INTO manifest_blobs (repository_id, manifest_digest, blob_digest) SELECT"
                    + " repository_id, manifest_digest, blob_digest FROM expired_manifest_blobs"
                    + " WHERE repository_id = ? AND manifest_digest = ?", key);
            Sql.update(c, "INSERT INTO manifest_children (repository_id, manifest_digest, child_digest) SELECT"
                    + " repository_id, manifest_digest, child_digest FROM expired_manifest_children"
                    + " WHERE repository_id = ? AND manifest_digest = ?", key);
        }
        List<String> back = new ArrayList<>();
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : tagsFromJson(archived[0])) {
            Optional<String> current = Sql.first(c, "SELECT manifest_digest FROM tags WHERE repository_id = ?"
                    + " AND name = ?", row -> row.getString(1), id, name);
            if (current.isEmpty()) {
                Sql.update(c, "INSERT INTO tags (repository_id, name, manifest_digest, updated_at) VALUES (?, ?, ?, ?)",
                        id, name, digest, now.toEpochMilli());
                back.add(name);
            } else if (current.get().equals(digest)) {
                back.add(name);
            } else {
                kept.put(name, current.get());
            }
        }
        back.forEach(t -> restoredTags.add(Tag.parse(t)));
        kept.forEach((t, d) -> inUse.put(Tag.parse(t), Digest.parse(d)));
        dropArchived(c, id, digest);
        ObjectNode detail = JSON.createObjectNode().put("runId", Long.parseLong(archived[1]));
        ArrayNode restoredArray = detail.putArray("tagsRestored");
        back.forEach(restoredArray::add);
        ObjectNode keptNode = detail.putObject("tagsKeptByOtherImages");
        kept.forEach(keptNode::put);
        JdbcAuditLog.insert(c, AuditEvent.of(now, actor, "lifecycle:RestoreImage", repository.value(), digest,
                detail.toString()));
    }

    @Override
    public int purgeExpired(Instant now, int limit) {
        return transactions.write("purgeExpiredImages", c -> {
            record Due(long repositoryId, String repository, String digest, String tags, long runId, long expiredAt) {}
            List<Due> due = Sql.list(c, "SELECT e.repository_id, r.name, e.digest, e.tags, e.run_id, e.expired_at"
                    + " FROM expired_manifests e JOIN repositories r ON r.id = e.repository_id"
                    + " WHERE e.restore_until <= ? ORDER BY e.restore_until, e.digest LIMIT ?",
                    row -> new Due(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                            row.getLong(5), row.getLong(6)), now.toEpochMilli(), limit);
            for (Due d : due) {
                dropArchived(c, d.repositoryId(), d.digest());
                ObjectNode detail = JSON.createObjectNode().put("runId", d.runId())
                        .put("expiredAt", Instant.ofEpochMilli(d.expiredAt()).toString());
                detail.set("tags", JSON.valueToTree(tagsFromJson(d.tags())));
                JdbcAuditLog.insert(c, AuditEvent.of(now, ACTOR, "lifecycle:DeleteExpiredImage", d.repository(),
                        d.digest(), detail.toString()));
            }
            return due.size();
        });
    }

    // ---- what an expiry frees

    @Override
    public long reclaimableBytes(RepositoryName repository, Collection<Digest> expiring) {
        Set<String> leaving = new HashSet<>();
        expiring.forEach(d -> leaving.add(d.toString()));
        if (leaving.isEmpty()) {
            return 0;
        }
        return transactions.read("reclaimableBytes", c -> {
            Optional<Long> found = Sql.first(c, "SELECT id FROM repositories WHERE name = ?", row -> row.getLong(1),
                    repository.value());
            if (found.isEmpty()) {
                return 0L;
            }
            long id = found.get();
            // Candidates: every blob the leaving images reference, and their own manifest bytes, with sizes.
            Map<String, Long> sizes = new HashMap<>();
            for (List<String> chunk : chunks(List.copyOf(leaving))) {
                List<Object> params = new ArrayList<>(List.of(id));
                params.addAll(chunk);
                for (Object[] m : Sql.list(c, "SELECT digest, size FROM manifests WHERE repository_id = ?"
                        + " AND digest IN (" + Sql.markers(chunk.size()) + ")",
                        row -> new Object[] {row.getString(1), row.getLong(2)}, params.toArray())) {
                    sizes.put((String) m[0], (Long) m[1]);
                }
                for (Object[] b : Sql.list(c, "SELECT mb.blob_digest, (SELECT MAX(rb.size) FROM repository_blobs rb"
                        + " WHERE rb.digest = mb.blob_digest) FROM manifest_blobs mb WHERE mb.repository_id = ?"
                        + " AND mb.manifest_digest IN (" + Sql.markers(chunk.size()) + ")",
                        row -> new Object[] {row.getString(1), row.getLong(2)}, params.toArray())) {
                    sizes.put((String) b[0], (Long) b[1]);
                }
            }
            // Drop every candidate some other live manifest, in any repository, references or is.
            for (List<String> chunk : chunks(List.copyOf(sizes.keySet()))) {
                String in = " IN (" + Sql.markers(chunk.size()) + ")";
                Object[] params = chunk.toArray();
                for (Object[] ref : Sql.list(c, "SELECT repository_id, manifest_digest, blob_digest FROM manifest_blobs"
                        + " WHERE blob_digest" + in, row -> new Object[] {row.getLong(1), row.getString(2),
                        row.getString(3)}, params)) {
                    if ((Long) ref[0] != id || !leaving.contains((String) ref[1])) {
                        sizes.remove((String) ref[2]);
                    }
                }
                for (Object[] ref : Sql.list(c, "SELECT repository_id, digest FROM manifests WHERE digest" + in,
                        row -> new Object[] {row.getLong(1), row.getString(2)}, params)) {
                    if ((Long) ref[0] != id || !leaving.contains((String) ref[1])) {
                        sizes.remove((String) ref[1]);
                    }
                }
            }
            return sizes.values().stream().mapToLong(Long::longValue).sum();
        });
    }

    // ---- helpers

    private static List<List<String>> chunks(List<String> all) {
        List<List<String>> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += JdbcMetadataStore.IN_LIST_CHUNK) {
            out.add(all.subList(from, Math.min(all.size(), from + JdbcMetadataStore.IN_LIST_CHUNK)));
        }
        return out;
    }

    private static String tagsJson(List<Tag> tags) {
        ArrayNode array = JSON.createArrayNode();
        tags.stream().map(Tag::value).sorted().forEach(array::add);
        return array.toString();
    }

    private static List<String> tagsFromJson(String json) {
        List<String> out = new ArrayList<>();
        try {
            JSON.readTree(json).forEach(t -> out.add(t.asText()));
        } catch (JsonProcessingException e) {
            throw new MetadataException("stored tag list is not JSON", e);
        }
        return out;
    }

    private static ObjectNode object(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new MetadataException("stored audit detail is not a JSON object", e);
        }
    }
}
