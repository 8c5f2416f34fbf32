package dev.berth.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads lifecycle policy JSON into a {@link LifecyclePolicy}, enforcing the grammar of spec §3.1 and the rules of
 * §3.2. Checks run top-down and the first problem is reported, located by its path in the document; the detail uses
 * ECR's JSON-schema wording where the spec records it. Duplicate keys and trailing content are refused. What ECR
 * accepts but Berth cannot do (the archive storage class: {@code transition}, {@code sinceImageTransitioned},
 * {@code storageClass: "archive"}) is refused by name rather than as an unknown field. Thread-safe.
 */
final class LifecyclePolicyParser {
    static final String NOT_A_POLICY = "Could not map policyString into LifecyclePolicy.";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final List<String> POLICY_FIELDS = List.of("rules");
    private static final List<String> RULE_FIELDS = List.of("rulePriority", "description", "selection", "action");
    private static final List<String> SELECTION_FIELDS = List.of("tagStatus", "tagPrefixList", "tagPatternList",
            "storageClass", "countType", "countUnit", "countNumber");
    private static final List<String> ACTION_FIELDS = List.of("type", "targetStorageClass");
    private static final String NO_ARCHIVE = " is not supported by Berth (it has no archive storage class)";

    private LifecyclePolicyParser() {}

    static LifecyclePolicy parse(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidLifecyclePolicyException(NOT_A_POLICY + " (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidLifecyclePolicyException(NOT_A_POLICY + " (the policy must be a JSON object)");
        }
        JsonChecks.object(root, "", POLICY_FIELDS, List.of("rules"));
        JsonNode rulesNode = root.get("rules");
        if (!rulesNode.isArray()) {
            throw JsonChecks.wrongType(rulesNode, "array", "rules");
        }
        List<LifecycleRule> rules = new ArrayList<>();
        for (int i = 0; i < rulesNode.size(); i++) {
            rules.add(rule(rulesNode.get(i), "rules[" + i + "]"));
        }
        return new LifecyclePolicy(rules);
    }

    private static LifecycleRule rule(JsonNode node, String where) {
        JsonChecks.object(node, where, RULE_FIELDS, List.of("action", "rulePriority", "selection"));
        int priority = JsonChecks.integer(node.get("rulePriority"), where + ".rulePriority", 1);
        String description = node.has("description")
                ? JsonChecks.string(node.get("description"), where + ".description") : "";
        Selection selection = selection(node.get("selection"), where + ".selection");
        RuleAction action = action(node.get("action"), where + ".action");
        try {
            return new LifecycleRule(priority, description, selection, action);
        } catch (InvalidLifecyclePolicyException e) {
            throw e.at(where);
        }
    }

    private static Selection selection(JsonNode node, String where) {
        JsonChecks.object(node, where, SELECTION_FIELDS, List.of("countNumber", "countType", "tagStatus"));
        TagStatus status = JsonChecks.enumValue(node.get("tagStatus"), where + ".tagStatus",
                s -> TagStatus.byJson(s).orElse(null), "\"any\", \"tagged\", \"untagged\"");
        if (node.has("storageClass")) {
            String storageClass = JsonChecks.enumValue(node.get("storageClass"), where + ".storageClass",
                    s -> s.equals("standard") || s.equals("archive") ? s : null, "\"standard\"");
            if (storageClass.equals("archive")) {
                throw new InvalidLifecyclePolicyException("storageClass \"archive\"" + NO_ARCHIVE, where);
            }
        }
        String countTypeText = JsonChecks.string(node.get("countType"), where + ".countType");
        if (countTypeText.equals("sinceImageTransitioned")) {
            throw new InvalidLifecyclePolicyException("countType \"sinceImageTransitioned\"" + NO_ARCHIVE, where);
        }
        CountType countType = JsonChecks.enumValue(node.get("countType"), where + ".countType",
                s -> CountType.byJson(s).orElse(null),
                "\"imageCountMoreThan\", \"sinceImagePulled\", \"sinceImagePushed\"");
        if (node.has("countUnit")) {
            JsonChecks.enumValue(node.get("countUnit"), where + ".countUnit",
                    s -> s.equals("days") ? s : null, "\"days\"");
            if (!countType.usesDays()) {
                throw new InvalidLifecyclePolicyException("countUnit is not allowed with countType \""
                        + countType.json() + "\" (only with sinceImagePushed and sinceImagePulled)", where);
            }
        } else if (countType.usesDays()) {
            throw new InvalidLifecyclePolicyException(
                    "countUnit \"days\" is required with countType \"" + countType.json() + "\"", where);
        }
        int countNumber = JsonChecks.integer(node.get("countNumber"), where + ".countNumber", 1);
        try {
            return new Selection(status, tagFilter(node, where), countType, countNumber);
        } catch (InvalidLifecyclePolicyException e) {
            throw e.at(where);
        }
    }

    private static TagFilter tagFilter(JsonNode node, String where) {
        boolean prefixes = node.has("tagPrefixList");
        boolean patterns = node.has("tagPatternList");
        if (prefixes && patterns) {
            throw new InvalidLifecyclePolicyException(
                    "tagPrefixList and tagPatternList cannot both be given in one rule", where);
        }
        if (prefixes) {
            return new TagFilter.Prefixes(JsonChecks.strings(node.get("tagPrefixList"), where + ".tagPrefixList"));
        }
        if (patterns) {
            String at = where + ".tagPatternList";
            List<TagPattern> list = new ArrayList<>();
            List<String> entries = JsonChecks.strings(node.get("tagPatternList"), at);
            for (int i = 0; i < entries.size(); i++) {
                try {
                    list.add(TagPattern.parse(entries.get(i)));
                } catch (InvalidLifecyclePolicyException e) {
                    throw e.at(at + "[" + i + "]");
                }
            }
            return new TagFilter.Patterns(list);
        }
        return new TagFilter.None();
    }

    private static RuleAction action(JsonNode node, String where) {
        JsonChecks.object(node, where, ACTION_FIELDS, List.of("type"));
        String type = JsonChecks.string(node.get("type"), where + ".type");
        if (type.equals("transition")) {
            throw new InvalidLifecyclePolicyException("action type \"transition\"" + NO_ARCHIVE, where);
        }
        RuleAction action = JsonChecks.enumValue(node.get("type"), where + ".type",
                s -> s.equals(RuleAction.EXPIRE.json()) ? RuleAction.EXPIRE : null, "\"expire\"");
        if (node.has("targetStorageClass")) {
            throw new InvalidLifecyclePolicyException(
                    "targetStorageClass is only allowed with action type \"transition\"", where);
        }
        return action;
    }
}
