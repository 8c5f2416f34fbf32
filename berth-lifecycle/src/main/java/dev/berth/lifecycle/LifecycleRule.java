package dev.berth.lifecycle;

import java.util.Objects;

/**
 * One rule of a lifecycle policy. {@code description} is empty when the policy has none. Immutable and thread-safe.
 *
 * @param rulePriority at least 1; unique within a policy; lower numbers are applied first
 */
public record LifecycleRule(int rulePriority, String description, Selection selection, RuleAction action) {

    /** @throws InvalidLifecyclePolicyException when {@code rulePriority} is below 1 */
    public LifecycleRule {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(action, "action");
        if (rulePriority < 1) {
            throw new InvalidLifecyclePolicyException(
                    "numeric instance is lower than the required minimum (minimum: 1, found: " + rulePriority + ")");
        }
    }

    /** Whether this rule selects the image (see {@link Selection#selects}). */
    public boolean selects(ImageFacts image) {
        return selection.selects(image);
    }
}
