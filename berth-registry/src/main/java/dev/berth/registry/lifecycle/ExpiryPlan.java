package dev.berth.registry.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.lifecycle.Decision;
import dev.berth.lifecycle.LifecycleRule;
import dev.berth.metadata.PlannedExpiry;
import dev.berth.oci.Digest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Turns an evaluation's expiring decisions into a run's plan: each image with the audit detail of its expiry, and
 * grouped so that linked images (a referrer and its subject, an index and its children, at any depth) leave in one
 * transaction. Pure.
 */
final class ExpiryPlan {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExpiryPlan() {}

    static List<PlannedExpiry> of(LifecycleEvaluation evaluation) {
        List<Decision> expiring = evaluation.expiring();
        Map<Digest, Integer> index = new HashMap<>();
        for (int i = 0; i < expiring.size(); i++) {
            index.put(expiring.get(i).image().digest(), i);
        }
        int[] parent = new int[expiring.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < expiring.size(); i++) {
            var image = expiring.get(i).image();
            List<Digest> links = new ArrayList<>(image.parents());
            image.subject().ifPresent(links::add);
            for (Digest link : links) {
                Integer j = index.get(link);
                if (j != null) {
                    parent[find(parent, i)] = find(parent, j);
                }
            }
        }
        List<PlannedExpiry> plan = new ArrayList<>(expiring.size());
        for (int i = 0; i < expiring.size(); i++) {
            Decision d = expiring.get(i);
            plan.add(new PlannedExpiry(d.image().digest(), find(parent, i), d.image().tags(), detail(evaluation, d)));
        }
        return plan;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** The audit detail: the rule (priority and description), the evaluator's reason, and the tags it had. */
    static String detail(LifecycleEvaluation evaluation, Decision d) {
        ObjectNode detail = JSON.createObjectNode();
        OptionalInt priority = d.appliedRulePriority();
        if (priority.isPresent()) {
            detail.put("rulePriority", priority.getAsInt());
            evaluation.policy().rules().stream().filter(r -> r.rulePriority() == priority.getAsInt()).findFirst()
                    .map(LifecycleRule::description).filter(text -> !text.isEmpty()).ifPresent(text -> detail.put("ruleDescription", text));
        }
        detail.put("reason", d.reason().describe());
        detail.set("tags", JSON.valueToTree(d.image().tagValues()));
        detail.put("evaluatedAt", evaluation.at().toString());
        return detail.toString();
    }
}
