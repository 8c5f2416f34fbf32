package dev.berth.api.ecr;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.aws.AwsJson;
import dev.berth.metadata.EncryptionConfiguration;
import dev.berth.metadata.ImageSummary;
import dev.berth.metadata.RepositoryCreationTemplate;
import dev.berth.metadata.RepositorySettings;
import dev.berth.metadata.ResourceTag;
import dev.berth.oci.Digest;
import dev.berth.oci.Tag;
import dev.berth.oci.TagMutability;
import java.util.Collection;

/** ECR's output structures, written from domain values; absent optional members are left out. */
final class Shapes {
    private Shapes() {}

    /** {@code Repository}. */
    static ObjectNode repository(EcrContext ctx, RepositorySettings s) {
        ObjectNode r = AwsJson.object()
                .put("repositoryArn", ctx.repositoryArn(s.name()).toString())
                .put("registryId", s.recordedRegistryId().orElse(ctx.accountId()))
                .put("repositoryName", s.name().value())
                .put("repositoryUri", ctx.repositoryUri(s.name()));
        r.put("createdAt", AwsJson.timestamp(s.createdAt()));
        mutability(r, s.tagMutability());
        r.putObject("imageScanningConfiguration").put("scanOnPush", s.scanOnPush());
        r.set("encryptionConfiguration", encryption(s.encryption()));
        return r;
    }

    /** {@code imageTagMutability} and, when there are any, {@code imageTagMutabilityExclusionFilters}. */
    static void mutability(ObjectNode into, TagMutability m) {
        into.put("imageTagMutability", m.mode().name());
        if (!m.exclusions().isEmpty()) {
            ArrayNode filters = into.putArray("imageTagMutabilityExclusionFilters");
            m.exclusions().forEach(f -> filters.addObject().put("filterType", "WILDCARD").put("filter", f.filter()));
        }
    }

    static ObjectNode encryption(EncryptionConfiguration e) {
        ObjectNode o = AwsJson.object().put("encryptionType", e.type().name());
        e.kmsKeyIfGiven().ifPresent(k -> o.put("kmsKey", k));
        return o;
    }

    /** {@code ImageIdentifier}; either part may be absent. */
    static ObjectNode imageId(Digest digest, Tag tag) {
        ObjectNode id = AwsJson.object();
        if (digest != null) {
            id.put("imageDigest", digest.toString());
        }
        if (tag != null) {
            id.put("imageTag", tag.value());
        }
        return id;
    }

    /** {@code ImageDetail}. */
    static ObjectNode imageDetail(EcrContext ctx, ImageSummary image) {
        ObjectNode d = AwsJson.object()
                .put("registryId", ctx.accountId())
                .put("repositoryName", image.repository().value())
                .put("imageDigest", image.digest().toString());
        if (!image.tags().isEmpty()) {
            ArrayNode tags = d.putArray("imageTags");
            image.tags().forEach(t -> tags.add(t.value()));
        }
        d.put("imageSizeInBytes", image.sizeInBytes());
        d.put("imagePushedAt", AwsJson.timestamp(image.pushedAt()));
        d.put("imageManifestMediaType", image.mediaType());
        image.artifactTypeIfAny().ifPresent(t -> d.put("artifactMediaType", t));
        image.lastPull().ifPresent(t -> d.put("lastRecordedPullTime", AwsJson.timestamp(t)));
        d.put("imageStatus", "ACTIVE");
        return d;
    }

    static ArrayNode tags(Collection<ResourceTag> tags) {
        ArrayNode out = AwsJson.MAPPER.createArrayNode();
        tags.forEach(t -> out.addObject().put("Key", t.key()).put("Value", t.value()));
        return out;
    }

    /** {@code RepositoryCreationTemplate}. */
    static ObjectNode template(RepositoryCreationTemplate t) {
        ObjectNode o = AwsJson.object().put("prefix", t.prefix());
        if (!t.description().isEmpty()) {
            o.put("description", t.description());
        }
        o.set("encryptionConfiguration", encryption(t.encryption()));
        o.set("resourceTags", tags(t.resourceTags()));
        mutability(o, t.tagMutability());
        if (!t.repositoryPolicy().isEmpty()) {
            o.put("repositoryPolicy", t.repositoryPolicy());
        }
        if (!t.lifecyclePolicy().isEmpty()) {
            o.put("lifecyclePolicy", t.lifecyclePolicy());
        }
        ArrayNode applied = o.putArray("appliedFor");
        t.appliedFor().stream().map(Enum::name).sorted().forEach(applied::add);
        if (!t.customRoleArn().isEmpty()) {
            o.put("customRoleArn", t.customRoleArn());
        }
        o.put("createdAt", AwsJson.timestamp(t.createdAt()));
        o.put("updatedAt", AwsJson.timestamp(t.updatedAt()));
        return o;
    }
}
