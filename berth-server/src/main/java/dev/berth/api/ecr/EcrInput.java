package dev.berth.api.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.metadata.InvalidResourceTagException;
import dev.berth.metadata.ResourceTag;
import dev.berth.oci.InvalidTagMutabilityException;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.TagMutability;
import dev.berth.oci.TagWildcard;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An ECR request body read by the model's rules: members by their wire names, {@code null} as absent, unknown members
 * ignored, every constraint the SDKs leave to the server checked here (required, types, lengths, ranges, enums as
 * ValidationException; ECR's own rules, such as the repository-name pattern, as InvalidParameterException).
 */
final class EcrInput {
    /** ECR's repository-name pattern (model {@code RepositoryName}), 2 to 256 characters. */
    static final Pattern REPOSITORY_NAME = Pattern.compile(
            "(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");
    private static final Pattern REGISTRY_ID = Pattern.compile("[0-9]{12}");

    private final JsonNode body;

    EcrInput(JsonNode body) {
        this.body = body;
    }

    boolean has(String member) {
        JsonNode n = body.get(member);
        return n != null && !n.isNull();
    }

    JsonNode node(String member) {
        return has(member) ? body.get(member) : null;
    }

    Optional<String> string(String member) {
        JsonNode n = node(member);
        if (n == null) {
            return Optional.empty();
        }
        if (!n.isTextual()) {
            throw EcrErrors.validation(member, n, "Member must be a string");
        }
        return Optional.of(n.asText());
    }

    String requiredString(String member) {
        return string(member).orElseThrow(() -> EcrErrors.validation(member, null, "Member must not be null"));
    }

    /** A string of {@code min..max} characters. */
    Optional<String> string(String member, int min, int max) {
        Optional<String> s = string(member);
        s.ifPresent(v -> {
            if (v.length() < min || v.length() > max) {
                throw EcrErrors.validation(member, v, "Member must have length between " + min + " and " + max);
            }
        });
        return s;
    }

    Optional<Boolean> bool(String member) {
        JsonNode n = node(member);
        if (n == null) {
            return Optional.empty();
        }
        if (!n.isBoolean()) {
            throw EcrErrors.validation(member, n, "Member must be a boolean");
        }
        return Optional.of(n.booleanValue());
    }

    Optional<Long> number(String member, long min, long max) {
        JsonNode n = node(member);
        if (n == null) {
            return Optional.empty();
        }
        if (!n.isIntegralNumber()) {
            throw EcrErrors.validation(member, n, "Member must be an integer");
        }
        long v = n.longValue();
        if (v < min || v > max) {
            throw EcrErrors.validation(member, v, "Member must have value between " + min + " and " + max);
        }
        return Optional.of(v);
    }

    long requiredNumber(String member, long min, long max) {
        return number(member, min, max).orElseThrow(() -> EcrErrors.validation(member, null,
                "Member must not be null"));
    }

    /** A list member; empty when absent. */
    List<JsonNode> list(String member) {
        JsonNode n = node(member);
        if (n == null) {
            return List.of();
        }
        if (!n.isArray()) {
            throw EcrErrors.validation(member, n, "Member must be a list");
        }
        List<JsonNode> out = new ArrayList<>();
        n.forEach(out::add);
        return out;
    }

    /** A required list of {@code min..max} items. */
    List<JsonNode> requiredList(String member, int min, int max) {
        if (!has(member)) {
            throw EcrErrors.validation(member, null, "Member must not be null");
        }
        List<JsonNode> items = list(member);
        if (items.size() < min || items.size() > max) {
            throw EcrErrors.validation(member, null, "Member must have length between " + min + " and " + max);
        }
        return items;
    }

    List<String> strings(String member) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : list(member)) {
            if (!n.isTextual()) {
                throw EcrErrors.validation(member, n, "Member must be a list of strings");
            }
            out.add(n.asText());
        }
        return out;
    }

    EcrInput object(String member) {
        JsonNode n = node(member);
        if (n == null) {
            return null;
        }
        if (!n.isObject()) {
            throw EcrErrors.validation(member, n, "Member must be a structure");
        }
        return new EcrInput(n);
    }

    /** An enum member spelled exactly as one of {@code allowed}. */
    Optional<String> enumeration(String member, List<String> allowed) {
        Optional<String> v = string(member);
        v.ifPresent(s -> {
            if (!allowed.contains(s)) {
                throw EcrErrors.validation(member, s, "Member must satisfy enum value set: " + allowed);
            }
        });
        return v;
    }

    /** The required {@code repositoryName}, checked against ECR's pattern. */
    RepositoryName repositoryName() {
        return repositoryName(requiredString("repositoryName"));
    }

    static RepositoryName repositoryName(String text) {
        if (text.length() < 2 || text.length() > 256 || !REPOSITORY_NAME.matcher(text).matches()) {
            throw EcrErrors.invalidParameter("Invalid parameter at 'repositoryName' failed to satisfy constraint:"
                    + " 'must satisfy regular expression '" + REPOSITORY_NAME.pattern() + "''");
        }
        return RepositoryName.parse(text);
    }

    /** The optional {@code registryId}: 12 digits, and this registry's (another account's registry is not here). */
    void registryId(String own) {
        string("registryId").ifPresent(id -> {
            if (!REGISTRY_ID.matcher(id).matches()) {
                throw EcrErrors.validation("registryId", id, "Member must satisfy regular expression pattern: [0-9]{12}");
            }
            if (!id.equals(own)) {
                throw EcrErrors.invalidParameter("Invalid parameter at 'registryId' failed to satisfy constraint:"
                        + " 'registry " + id + " is not served here; this registry is " + own + "'");
            }
        });
    }

    /** The mutability members ({@code imageTagMutability} + exclusion filters), absent when neither is given. */
    Optional<TagMutability> tagMutability(boolean required) {
        Optional<String> mode = enumeration("imageTagMutability", List.of("MUTABLE", "IMMUTABLE",
                "IMMUTABLE_WITH_EXCLUSION", "MUTABLE_WITH_EXCLUSION"));
        if (mode.isEmpty()) {
            if (required) {
                throw EcrErrors.validation("imageTagMutability", null, "Member must not be null");
            }
            if (has("imageTagMutabilityExclusionFilters")) {
                throw EcrErrors.invalidParameter("imageTagMutabilityExclusionFilters can only be given with"
                        + " imageTagMutability IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION");
            }
            return Optional.empty();
        }
        List<TagWildcard> filters = new ArrayList<>();
        for (JsonNode f : list("imageTagMutabilityExclusionFilters")) {
            EcrInput filter = new EcrInput(f);
            filter.enumeration("filterType", List.of("WILDCARD"))
                    .orElseThrow(() -> EcrErrors.validation("filterType", null, "Member must not be null"));
            try {
                filters.add(TagWildcard.parse(filter.requiredString("filter")));
            } catch (IllegalArgumentException e) {
                throw EcrErrors.invalidParameter("Invalid parameter at 'imageTagMutabilityExclusionFilters' failed"
                        + " to satisfy constraint: '" + e.getMessage() + "'");
            }
        }
        try {
            return Optional.of(new TagMutability(TagMutability.Mode.parse(mode.get()), filters));
        } catch (InvalidTagMutabilityException e) {
            throw EcrErrors.invalidParameter(e.getMessage());
        }
    }

    /** A list of {@code Tag} ({@code Key}, {@code Value}); InvalidTagParameterException for a bad one. */
    List<ResourceTag> resourceTags(String member) {
        List<ResourceTag> out = new ArrayList<>();
        for (JsonNode t : list(member)) {
            EcrInput tag = new EcrInput(t);
            try {
                out.add(new ResourceTag(tag.requiredString("Key"), tag.requiredString("Value")));
            } catch (InvalidResourceTagException e) {
                throw EcrErrors.of("InvalidTagParameterException", e.getMessage());
            }
        }
        return out;
    }
}
