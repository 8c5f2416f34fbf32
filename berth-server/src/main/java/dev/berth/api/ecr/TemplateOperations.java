package dev.berth.api.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.aws.AwsJson;
import dev.berth.metadata.EncryptionConfiguration;
import dev.berth.metadata.RepositoryCreationTemplate;
import dev.berth.metadata.RepositoryCreationTemplate.AppliedFor;
import dev.berth.metadata.TemplateAlreadyExistsException;
import dev.berth.oci.TagMutability;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Repository-creation templates (spec §2.3): Create/Describe/Update/DeleteRepositoryCreationTemplate. Templates
 * applied for {@code CREATE_ON_PUSH} shape the repositories a push creates ({@link
 * dev.berth.registry.TemplatedCreation}); the other purposes are recorded only. Registry-level operations.
 */
final class TemplateOperations {
    private static final int DEFAULT_PAGE = 100;

    private final EcrContext ctx;

    TemplateOperations(EcrContext ctx) {
        this.ctx = ctx;
    }

    Map<String, EcrOperation> operations() {
        return Map.of("CreateRepositoryCreationTemplate", this::create,
                "UpdateRepositoryCreationTemplate", this::update,
                "DescribeRepositoryCreationTemplates", this::describe,
                "DeleteRepositoryCreationTemplate", this::delete);
    }

    private JsonNode create(EcrCall call) {
        Instant now = ctx.clock().instant().truncatedTo(ChronoUnit.MILLIS);
        RepositoryCreationTemplate t = template(call.input(), null, now);
        ctx.authorizeRegistry(call, "CreateRepositoryCreationTemplate");
        try {
            ctx.store().createTemplate(t);
        } catch (TemplateAlreadyExistsException e) {
            throw EcrErrors.templateAlreadyExists(t.prefix());
        }
        return answer(t);
    }

    private JsonNode update(EcrCall call) {
        String prefix = prefix(call.input());
        ctx.authorizeRegistry(call, "UpdateRepositoryCreationTemplate");
        RepositoryCreationTemplate old = ctx.store().templates().stream().filter(t -> t.prefix().equals(prefix))
                .findFirst().orElseThrow(() -> EcrErrors.templateNotFound(prefix));
        RepositoryCreationTemplate t = template(call.input(), old, ctx.clock().instant().truncatedTo(ChronoUnit.MILLIS));
        if (!ctx.store().updateTemplate(t)) {
            throw EcrErrors.templateNotFound(prefix);
        }
        return answer(t);
    }

    private JsonNode describe(EcrCall call) {
        EcrInput in = call.input();
        List<String> prefixes = in.strings("prefixes");
        int limit = Math.toIntExact(in.number("maxResults", 1, 1000).orElse((long) DEFAULT_PAGE));
        String after = PageTokens.decode("DescribeRepositoryCreationTemplates", in.string("nextToken").orElse(null));
        ctx.authorizeRegistry(call, "DescribeRepositoryCreationTemplates");
        List<RepositoryCreationTemplate> all = ctx.store().templates().stream()
                .filter(t -> prefixes.isEmpty() || prefixes.contains(t.prefix()))
                .filter(t -> after == null || t.prefix().compareTo(after) > 0).toList();
        ObjectNode out = AwsJson.object().put("registryId", ctx.accountId());
        ArrayNode templates = out.putArray("repositoryCreationTemplates");
        all.stream().limit(limit).forEach(t -> templates.add(Shapes.template(t)));
        if (all.size() > limit) {
            out.put("nextToken", PageTokens.encode("DescribeRepositoryCreationTemplates",
                    all.get(limit - 1).prefix()));
        }
        return out;
    }

    private JsonNode delete(EcrCall call) {
        String prefix = prefix(call.input());
        ctx.authorizeRegistry(call, "DeleteRepositoryCreationTemplate");
        return answer(ctx.store().deleteTemplate(prefix).orElseThrow(() -> EcrErrors.templateNotFound(prefix)));
    }

    private ObjectNode answer(RepositoryCreationTemplate t) {
        ObjectNode out = AwsJson.object().put("registryId", ctx.accountId());
        out.set("repositoryCreationTemplate", Shapes.template(t));
        return out;
    }

    private static String prefix(EcrInput in) {
        String prefix = in.string("prefix", 1, 256)
                .orElseThrow(() -> EcrErrors.validation("prefix", null, "Member must not be null"));
        if (!RepositoryCreationTemplate.isValidPrefix(prefix)) {
            throw EcrErrors.invalidParameter("Invalid parameter at 'prefix' failed to satisfy constraint: 'must be"
                    + " ROOT or a repository namespace'");
        }
        return prefix;
    }

    /** The template the input asks for; on update, members left out keep the old template's values. */
    private static RepositoryCreationTemplate template(EcrInput in, RepositoryCreationTemplate old, Instant now) {
        String prefix = prefix(in);
        Set<AppliedFor> appliedFor = EnumSet.noneOf(AppliedFor.class);
        for (String a : in.strings("appliedFor")) {
            try {
                appliedFor.add(AppliedFor.valueOf(a));
            } catch (IllegalArgumentException e) {
                throw EcrErrors.validation("appliedFor", a, "Member must satisfy enum value set: "
                        + List.of(AppliedFor.values()));
            }
        }
        if (appliedFor.isEmpty()) {
            if (old == null) {
                throw EcrErrors.validation("appliedFor", null, "Member must have length greater than or equal to 1");
            }
            appliedFor = old.appliedFor();
        }
        TagMutability mutability = in.tagMutability(false)
                .orElse(old == null ? TagMutability.MUTABLE : old.tagMutability());
        EncryptionConfiguration encryption = old == null ? EncryptionConfiguration.AES256 : old.encryption();
        EcrInput enc = in.object("encryptionConfiguration");
        if (enc != null) {
            String type = enc.enumeration("encryptionType", List.of("AES256", "KMS", "KMS_DSSE"))
                    .orElseThrow(() -> EcrErrors.validation("encryptionType", null, "Member must not be null"));
            String key = enc.string("kmsKey", 0, EncryptionConfiguration.MAX_KMS_KEY_LENGTH).orElse("");
            try {
                encryption = new EncryptionConfiguration(EncryptionConfiguration.Type.parse(type),
                        key.isEmpty() ? null : key);
            } catch (IllegalArgumentException e) {
                throw EcrErrors.invalidParameter(e.getMessage());
            }
        }
        String policy = old == null ? "" : old.repositoryPolicy();
        if (in.has("repositoryPolicy")) {
            policy = in.string("repositoryPolicy").orElse("").isEmpty() ? ""
                    : PolicyOperations.validPolicy(in, "repositoryPolicy", "repository");
        }
        return new RepositoryCreationTemplate(prefix,
                in.string("description", 0, 256).orElse(old == null ? "" : old.description()), encryption,
                in.has("resourceTags") ? in.resourceTags("resourceTags") : old == null ? List.of() : old.resourceTags(),
                mutability, policy,
                in.string("lifecyclePolicy", 0, 30720).orElse(old == null ? "" : old.lifecyclePolicy()), appliedFor,
                in.string("customRoleArn", 0, 2048).orElse(old == null ? "" : old.customRoleArn()),
                old == null ? now : old.createdAt(), now);
    }
}
