package dev.berth.lifecycle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed, validated ECR lifecycle policy (spec §3): its rules in the order they are applied, lowest
 * {@code rulePriority} first. The constructor enforces the rules that concern the policy as a whole (spec §3.2):
 * at least one rule, unique priorities, at most one {@code any} rule and it has the highest priority, at most one
 * {@code untagged} rule, and no two {@code tagged} rules with the same tag list. Immutable and thread-safe.
 */
public record LifecyclePolicy(List<LifecycleRule> rules) {

    /** @throws InvalidLifecyclePolicyException naming the rule(s) at fault */
    public LifecyclePolicy {
        Objects.requireNonNull(rules, "rules");
        if (rules.isEmpty()) {
            throw new InvalidLifecyclePolicyException("a lifecycle policy needs at least one rule (rules is empty)");
        }
        List<LifecycleRule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparingInt(LifecycleRule::rulePriority));
        rules = List.copyOf(sorted);
        validate(rules);
    }

    /**
     * Parses lifecycle policy JSON (the {@code lifecyclePolicyText} of PutLifecyclePolicy and
     * StartLifecyclePolicyPreview). The 100–30 720 character bound of that API parameter is the edge's to check.
     *
     * @throws InvalidLifecyclePolicyException naming the first problem found and where
     */
    public static LifecyclePolicy parse(String json) {
        return LifecyclePolicyParser.parse(json);
    }

    private static void validate(List<LifecycleRule> rules) {
        for (int i = 1; i < rules.size(); i++) {
            if (rules.get(i).rulePriority() == rules.get(i - 1).rulePriority()) {
                throw new InvalidLifecyclePolicyException("rulePriority " + rules.get(i).rulePriority()
                        + " is used by more than one rule; each rule needs a unique rulePriority");
            }
        }
        List<LifecycleRule> any = withStatus(rules, TagStatus.ANY);
        if (any.size() > 1) {
            throw new InvalidLifecyclePolicyException("only one rule may have tagStatus \"any\"; rules "
                    + any.get(0).rulePriority() + " and " + any.get(1).rulePriority() + " both do");
        }
        LifecycleRule last = rules.get(rules.size() - 1);
        if (any.size() == 1 && any.get(0) != last) {
            throw new InvalidLifecyclePolicyException("the rule with tagStatus \"any\" must have the highest "
                    + "rulePriority (it is applied last): rule " + any.get(0).rulePriority()
                    + " selects \"any\" but rule " + last.rulePriority() + " comes after it");
        }
        List<LifecycleRule> untagged = withStatus(rules, TagStatus.UNTAGGED);
        if (untagged.size() > 1) {
            throw new InvalidLifecyclePolicyException("only one rule may have tagStatus \"untagged\"; rules "
                    + untagged.get(0).rulePriority() + " and " + untagged.get(1).rulePriority() + " both do");
        }
        Map<Object, LifecycleRule> seen = new HashMap<>();
        for (LifecycleRule rule : withStatus(rules, TagStatus.TAGGED)) {
            TagFilter filter = rule.selection().tagFilter();
            Object key = List.of(filter.getClass(), filter.entries());
            LifecycleRule earlier = seen.putIfAbsent(key, rule);
            if (earlier != null) {
                String list = filter instanceof TagFilter.Prefixes ? "tagPrefixList" : "tagPatternList";
                throw new InvalidLifecyclePolicyException("rules " + earlier.rulePriority() + " and "
                        + rule.rulePriority() + " have the same " + list + " " + sortedEntries(filter.entries())
                        + "; each tagged rule needs a unique set of tags (the later rule could never act)");
            }
        }
    }

    private static List<LifecycleRule> withStatus(List<LifecycleRule> rules, TagStatus status) {
        return rules.stream().filter(r -> r.selection().tagStatus() == status).toList();
    }

    private static List<String> sortedEntries(Set<String> entries) {
        return entries.stream().sorted().toList();
    }
}
