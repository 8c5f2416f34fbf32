package dev.berth.api.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.aws.AwsJson;
import dev.berth.iam.Arn;
import dev.berth.iam.InvalidArnException;
import dev.berth.metadata.EncryptionConfiguration;
import dev.berth.metadata.RepositoryAlreadyExistsException;
import dev.berth.metadata.RepositoryNotEmptyException;
import dev.berth.metadata.RepositorySettings;
import dev.berth.metadata.ResourceTag;
import dev.berth.metadata.TooManyResourceTagsException;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.TagMutability;
import dev.berth.registry.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Repositories (spec §2.3): CreateRepository, DescribeRepositories, DeleteRepository, PutImageTagMutability,
 * PutImageScanningConfiguration, and the resource tags of a repository by its ARN.
 */
final class RepositoryOperations {
    private static final int DEFAULT_PAGE = 100;

    private final EcrContext ctx;

    RepositoryOperations(EcrContext ctx) {
        this.ctx = ctx;
    }

    Map<String, EcrOperation> operations() {
        return Map.of("CreateRepository", this::create,
                "DescribeRepositories", this::describe,
                "DeleteRepository", this::delete,
                "PutImageTagMutability", this::putTagMutability,
                "PutImageScanningConfiguration", this::putScanningConfiguration,
                "TagResource", this::tagResource,
                "UntagResource", this::untagResource,
                "ListTagsForResource", this::listTags);
    }

    private JsonNode create(EcrCall call) {
        EcrInput in = call.input();
        RepositoryName name = in.repositoryName();
        in.registryId(ctx.accountId());
        TagMutability mutability = in.tagMutability(false).orElse(TagMutability.MUTABLE);
        EcrInput scanning = in.object("imageScanningConfiguration");
        boolean scanOnPush = scanning != null && scanning.bool("scanOnPush").orElse(false);
        EncryptionConfiguration encryption = encryption(in.object("encryptionConfiguration"));
        List<ResourceTag> tags = in.resourceTags("tags");
        ctx.authorize(call, "CreateRepository", name);
        try {
            RepositorySettings created = ctx.repositories().create(name, mutability, scanOnPush, encryption, tags);
            ObjectNode out = AwsJson.object();
            out.set("repository", Shapes.repository(ctx, created));
            return out;
        } catch (RepositoryAlreadyExistsException e) {
            throw EcrErrors.repositoryAlreadyExists(name, ctx.accountId());
        } catch (TooManyResourceTagsException e) {
            throw EcrErrors.of("TooManyTagsException", e.getMessage());
        }
    }

    private static EncryptionConfiguration encryption(EcrInput in) {
        if (in == null) {
            return EncryptionConfiguration.AES256;
        }
        String type = in.enumeration("encryptionType", List.of("AES256", "KMS", "KMS_DSSE"))
                .orElseThrow(() -> EcrErrors.validation("encryptionConfiguration.encryptionType", null,
                        "Member must not be null"));
        try {
            return new EncryptionConfiguration(EncryptionConfiguration.Type.parse(type),
                    in.string("kmsKey", 1, EncryptionConfiguration.MAX_KMS_KEY_LENGTH).orElse(null));
        } catch (IllegalArgumentException e) {
            throw EcrErrors.invalidParameter("Invalid parameter at 'encryptionConfiguration' failed to satisfy"
                    + " constraint: '" + e.getMessage() + "'");
        }
    }

    private JsonNode describe(EcrCall call) {
        EcrInput in = call.input();
        in.registryId(ctx.accountId());
        List<String> names = in.strings("repositoryNames");
        ObjectNode out = AwsJson.object();
        ArrayNode repositories = out.putArray("repositories");
        if (in.has("repositoryNames")) {
            if (in.has("nextToken") || in.has("maxResults")) {
                throw EcrErrors.invalidParameter("repositoryNames cannot be combined with nextToken or maxResults");
            }
            if (names.isEmpty() || names.size() > 100) {
                throw EcrErrors.validation("repositoryNames", null, "Member must have length between 1 and 100");
            }
            List<RepositoryName> parsed = names.stream().map(EcrInput::repositoryName).toList();
            for (RepositoryName name : parsed) {
                ctx.authorize(call, "DescribeRepositories", name);
            }
            for (RepositoryName name : parsed) {
                repositories.add(Shapes.repository(ctx, ctx.requireRepository(name)));
            }
            return out;
        }
        ctx.authorizeRegistry(call, "DescribeRepositories");
        int limit = Math.toIntExact(in.number("maxResults", 1, 1000).orElse((long) DEFAULT_PAGE));
        String cursor = PageTokens.decode("DescribeRepositories", in.string("nextToken").orElse(null));
        Page<RepositorySettings> page = ctx.repositories().list(
                cursor == null ? null : EcrInput.repositoryName(cursor), limit);
        page.items().forEach(s -> repositories.add(Shapes.repository(ctx, s)));
        if (page.more()) {
            out.put("nextToken", PageTokens.encode("DescribeRepositories", page.items().getLast().name().value()));
        }
        return out;
    }

    private JsonNode delete(EcrCall call) {
        EcrInput in = call.input();
        RepositoryName name = in.repositoryName();
        in.registryId(ctx.accountId());
        boolean force = in.bool("force").orElse(false);
        ctx.authorize(call, "DeleteRepository", name);
        ctx.requireRepository(name);
        try {
            RepositorySettings deleted = ctx.repositories().delete(name, force);
            ctx.policies().invalidate(name.value());
            ObjectNode out = AwsJson.object();
            out.set("repository", Shapes.repository(ctx, deleted));
            return out;
        } catch (RepositoryNotEmptyException e) {
            throw EcrErrors.repositoryNotEmpty(name, ctx.accountId());
        } catch (dev.berth.registry.RegistryException e) {
            throw EcrErrors.repositoryNotFound(name, ctx.accountId());
        }
    }

    private JsonNode putTagMutability(EcrCall call) {
        EcrInput in = call.input();
        RepositoryName name = in.repositoryName();
        in.registryId(ctx.accountId());
        TagMutability mutability = in.tagMutability(true).orElseThrow();
        ctx.authorize(call, "PutImageTagMutability", name);
        ctx.requireRepository(name);
        RepositorySettings s = ctx.repositories().putTagMutability(name, mutability);
        ObjectNode out = AwsJson.object().put("registryId", ctx.accountId()).put("repositoryName", name.value());
        Shapes.mutability(out, s.tagMutability());
        return out;
    }

    private JsonNode putScanningConfiguration(EcrCall call) {
        EcrInput in = call.input();
        RepositoryName name = in.repositoryName();
        in.registryId(ctx.accountId());
        EcrInput scanning = in.object("imageScanningConfiguration");
        if (scanning == null) {
            throw EcrErrors.validation("imageScanningConfiguration", null, "Member must not be null");
        }
        boolean scanOnPush = scanning.bool("scanOnPush").orElse(false);
        ctx.authorize(call, "PutImageScanningConfiguration", name);
        ctx.requireRepository(name);
        RepositorySettings s = ctx.repositories().putScanOnPush(name, scanOnPush);
        ObjectNode out = AwsJson.object().put("registryId", ctx.accountId()).put("repositoryName", name.value());
        out.putObject("imageScanningConfiguration").put("scanOnPush", s.scanOnPush());
        return out;
    }

    private JsonNode tagResource(EcrCall call) {
        RepositoryName name = repositoryOf(call.input());
        List<ResourceTag> tags = call.input().resourceTags("tags");
        if (!call.input().has("tags")) {
            throw EcrErrors.validation("tags", null, "Member must not be null");
        }
        ctx.authorize(call, "TagResource", name);
        ctx.requireRepository(name);
        try {
            ctx.repositories().tagResource(name, tags);
        } catch (TooManyResourceTagsException e) {
            throw EcrErrors.of("TooManyTagsException", e.getMessage());
        }
        return AwsJson.object();
    }

    private JsonNode untagResource(EcrCall call) {
        RepositoryName name = repositoryOf(call.input());
        if (!call.input().has("tagKeys")) {
            throw EcrErrors.validation("tagKeys", null, "Member must not be null");
        }
        List<String> keys = new ArrayList<>(call.input().strings("tagKeys"));
        for (String key : keys) {
            if (key.regionMatches(true, 0, "aws:", 0, 4) || key.isEmpty() || key.length() > 128) {
                throw EcrErrors.of("InvalidTagParameterException", "tag key '" + key + "' is not valid");
            }
        }
        ctx.authorize(call, "UntagResource", name);
        ctx.requireRepository(name);
        ctx.repositories().untagResource(name, keys);
        return AwsJson.object();
    }

    private JsonNode listTags(EcrCall call) {
        RepositoryName name = repositoryOf(call.input());
        ctx.authorize(call, "ListTagsForResource", name);
        ctx.requireRepository(name);
        ObjectNode out = AwsJson.object();
        out.set("tags", Shapes.tags(ctx.repositories().resourceTags(name)));
        return out;
    }

    /** The repository named by {@code resourceArn}: a repository ARN of this registry's account and region. */
    private RepositoryName repositoryOf(EcrInput in) {
        String text = in.requiredString("resourceArn");
        Arn arn;
        try {
            arn = Arn.parse(text);
        } catch (InvalidArnException e) {
            throw EcrErrors.invalidParameter("Invalid parameter at 'resourceArn' failed to satisfy constraint:"
                    + " 'Invalid ARN " + text + "'");
        }
        if (!arn.service().equals("ecr") || !arn.resourceType().equals("repository")
                || !arn.account().equals(ctx.accountId()) || !arn.region().equals(ctx.region())) {
            throw EcrErrors.invalidParameter("Invalid parameter at 'resourceArn' failed to satisfy constraint:"
                    + " 'not a repository ARN of registry " + ctx.accountId() + " in " + ctx.region() + "'");
        }
        return EcrInput.repositoryName(arn.resourceId());
    }
}
