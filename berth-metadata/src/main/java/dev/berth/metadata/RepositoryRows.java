package dev.berth.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.TagMutability;
import dev.berth.oci.TagWildcard;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The settings columns of {@code repositories r} (schema V2): the select list, the mapping to
 * {@link RepositorySettings}, and the JSON of the exclusion filters, in one place. Thread-safe.
 */
final class RepositoryRows {
    /** The columns {@link #read} expects, from table alias {@code r}. */
    static final String COLUMNS = "r.name, r.registry_id, r.created_at, r.tag_mutability,"
            + " r.tag_mutability_exclusions, r.scan_on_push, r.encryption_type, r.kms_key";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Filter>> FILTERS = new TypeReference<>() {};
    private static final String WILDCARD = "WILDCARD";

    /** One stored exclusion filter, named as on ECR's wire. */
    private record Filter(String filterType, String filter) {}

    private RepositoryRows() {}

    static RepositorySettings read(ResultSet row) throws SQLException {
        TagMutability mutability =
                mutability(row.getString("tag_mutability"), row.getString("tag_mutability_exclusions"));
        try {
            return new RepositorySettings(
                    RepositoryName.parse(row.getString("name")),
                    row.getString("registry_id"),
                    Instant.ofEpochMilli(row.getLong("created_at")),
                    mutability,
                    row.getInt("scan_on_push") != 0,
                    new EncryptionConfiguration(EncryptionConfiguration.Type.parse(row.getString("encryption_type")),
                            row.getString("kms_key")));
        } catch (IllegalArgumentException e) {
            throw new MetadataException("stored settings of repository " + row.getString("name")
                    + " are not valid: " + e.getMessage(), e);
        }
    }

    /** The tag mutability of a repository, read in the caller's transaction. */
    static TagMutability tagMutability(Connection c, long repositoryId) throws SQLException {
        return Sql.first(c, "SELECT tag_mutability, tag_mutability_exclusions FROM repositories WHERE id = ?",
                row -> mutability(row.getString(1), row.getString(2)), repositoryId)
                .orElseThrow(() -> new SQLException("repository " + repositoryId + " vanished in its transaction"));
    }

    /** The {@code tag_mutability_exclusions} value: a JSON array of {filterType, filter}; null when there are none. */
    static String exclusionsColumn(TagMutability mutability) {
        if (mutability.exclusions().isEmpty()) {
            return null;
        }
        List<Filter> filters = mutability.exclusions().stream().map(f -> new Filter(WILDCARD, f.filter())).toList();
        try {
            return JSON.writeValueAsString(filters);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("exclusion filters cannot be written as JSON", e);
        }
    }

    static TagMutability mutability(String mode, String exclusions) {
        List<Filter> filters;
        try {
            filters = exclusions == null ? List.of() : JSON.readValue(exclusions, FILTERS);
        } catch (JsonProcessingException e) {
            throw new MetadataException("stored exclusion filters are not a JSON array of filters", e);
        }
        try {
            return new TagMutability(TagMutability.Mode.parse(mode), filters.stream().map(f -> {
                if (!WILDCARD.equals(f.filterType()) || f.filter() == null) {
                    throw new IllegalArgumentException("not a WILDCARD filter: " + f);
                }
                return TagWildcard.parse(f.filter());
            }).toList());
        } catch (IllegalArgumentException e) {
            throw new MetadataException("stored tag mutability is not valid: " + e.getMessage(), e);
        }
    }
}
