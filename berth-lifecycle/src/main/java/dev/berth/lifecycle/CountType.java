package dev.berth.lifecycle;

import java.util.Optional;

/**
 * {@code selection.countType}: how a rule decides, among the images it selects, which ones to expire. The two
 * {@code since*} types take {@code countUnit: "days"}; {@code imageCountMoreThan} must not have a unit.
 */
public enum CountType {
    /** Keep the {@code countNumber} most recently pushed selected images, expire the rest. */
    IMAGE_COUNT_MORE_THAN("imageCountMoreThan", false),
    /** Expire selected images pushed more than {@code countNumber} days ago. */
    SINCE_IMAGE_PUSHED("sinceImagePushed", true),
    /**
     * Expire selected images last pulled more than {@code countNumber} days ago; an image never pulled counts from
     * its push (Berth's reading: the spec leaves never-pulled images undetermined, see docs/lifecycle.md).
     */
    SINCE_IMAGE_PULLED("sinceImagePulled", true);

    private final String json;
    private final boolean usesDays;

    CountType(String json, boolean usesDays) {
        this.json = json;
        this.usesDays = usesDays;
    }

    /** The spelling in the policy JSON. */
    public String json() {
        return json;
    }

    /** Whether the type counts days (and so requires {@code countUnit: "days"}). */
    public boolean usesDays() {
        return usesDays;
    }

    /** The type spelled exactly {@code text} in policy JSON. */
    public static Optional<CountType> byJson(String text) {
        for (CountType t : values()) {
            if (t.json.equals(text)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
