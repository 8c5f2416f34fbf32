package dev.berth.registry.lifecycle;

import dev.berth.lifecycle.Decision;
import dev.berth.lifecycle.LifecyclePolicy;
import java.time.Instant;
import java.util.List;

/**
 * A policy evaluated over every image of a repository at one instant: what a preview shows and what a run
 * executes. Immutable.
 *
 * @param decisions one per image of the repository, in digest order
 */
public record LifecycleEvaluation(String policyText, LifecyclePolicy policy, Instant at, List<Decision> decisions) {
    public LifecycleEvaluation {
        decisions = List.copyOf(decisions);
    }

    /** The decisions that expire an image, in digest order. */
    public List<Decision> expiring() {
        return decisions.stream().filter(Decision::expires).toList();
    }
}
