package dev.berth.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The columns of {@code repository_creation_templates} (schema V4) and their mapping, in one place. */
final class TemplateRows {
    static final String COLUMNS = "prefix, description, encryption_type, kms_key, resource_tags, tag_mutability,"
            + " tag_mutability_exclusions, repository_policy, lifecycle_policy, applied_for, custom_role_arn,"
            + " created_at, updated_at";
    static final int COLUMN_COUNT = 13;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A resource tag as ECR spells it on the wire. */
    private record WireTag(String Key, String Value) {}

    private TemplateRows() {}

    static Object[] values(RepositoryCreationTemplate t) {
        try {
            return new Object[] {t.prefix(), t.description(), t.encryption().type().name(), t.encryption().kmsKey(),
                    JSON.writeValueAsString(t.resourceTags().stream().map(r -> new WireTag(r.key(), r.value())).toList()),
                    t.tagMutability().mode().name(), RepositoryRows.exclusionsColumn(t.tagMutability()),
                    t.repositoryPolicy(), t.lifecyclePolicy(),
                    JSON.writeValueAsString(t.appliedFor().stream().map(Enum::name).sorted().toList()),
                    t.customRoleArn(), t.createdAt().toEpochMilli(), t.updatedAt().toEpochMilli()};
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("template cannot be written as JSON", e);
        }
    }

    static RepositoryCreationTemplate read(ResultSet row) throws SQLException {
        try {
            List<WireTag> tags = JSON.readValue(row.getString("resource_tags"), new TypeReference<>() {});
            List<String> applied = JSON.readValue(row.getString("applied_for"), new TypeReference<>() {});
            Set<RepositoryCreationTemplate.AppliedFor> appliedFor =
                    EnumSet.noneOf(RepositoryCreationTemplate.AppliedFor.class);
            applied.forEach(a -> appliedFor.add(RepositoryCreationTemplate.AppliedFor.valueOf(a)));
            return new RepositoryCreationTemplate(row.getString("prefix"), row.getString("description"),
                    new EncryptionConfiguration(EncryptionConfiguration.Type.parse(row.getString("encryption_type")),
                            row.getString("kms_key")),
                    tags.stream().map(t -> new ResourceTag(t.Key(), t.Value())).toList(),
                    RepositoryRows.mutability(row.getString("tag_mutability"),
                            row.getString("tag_mutability_exclusions")),
                    row.getString("repository_policy"), row.getString("lifecycle_policy"), appliedFor,
                    row.getString("custom_role_arn"), Instant.ofEpochMilli(row.getLong("created_at")),
                    Instant.ofEpochMilli(row.getLong("updated_at")));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MetadataException("stored template " + row.getString("prefix") + " is not valid: "
                    + e.getMessage(), e);
        }
    }
}
