package dev.berth.lifecycle;

import java.time.Duration;
import java.util.Objects;

/**
 * A rule's {@code selection}: which images it selects ({@code tagStatus} and the tag list) and how it counts them
 * ({@code countType}, {@code countNumber}, and for the {@code since*} types the implied unit {@code days}).
 * The constructor enforces the per-rule validation rules of spec §3.2 (rules 4 and 7); immutable and thread-safe.
 */
public record Selection(TagStatus tagStatus, TagFilter tagFilter, CountType countType, int countNumber) {

    /**
     * @throws InvalidLifecyclePolicyException when {@code tagged} has no tag list, {@code untagged}/{@code any} has
     *     one, or {@code countNumber} is below 1
     */
    public Selection {
        Objects.requireNonNull(tagStatus, "tagStatus");
        Objects.requireNonNull(tagFilter, "tagFilter");
        Objects.requireNonNull(countType, "countType");
        if (tagStatus == TagStatus.TAGGED && tagFilter instanceof TagFilter.None) {
            throw new InvalidLifecyclePolicyException(
                    "tagStatus \"tagged\" requires a tagPrefixList or a tagPatternList");
        }
        if (tagStatus != TagStatus.TAGGED && !(tagFilter instanceof TagFilter.None)) {
            String list = tagFilter instanceof TagFilter.Prefixes ? "tagPrefixList" : "tagPatternList";
            throw new InvalidLifecyclePolicyException(
                    list + " is only allowed with tagStatus \"tagged\", not \"" + tagStatus.json() + "\"");
        }
        if (countNumber < 1) {
            throw new InvalidLifecyclePolicyException(
                    "numeric instance is lower than the required minimum (minimum: 1, found: " + countNumber + ")");
        }
    }

    /**
     * Whether the rule selects an image with these tags (by tag status and tag list alone: the count does not
     * enter). This is also what protects an image from every later rule (spec §3.3).
     */
    public boolean selects(ImageFacts image) {
        return switch (tagStatus) {
            case ANY -> true;
            case UNTAGGED -> !image.tagged();
            case TAGGED -> image.tagged() && tagFilter.matches(image.tagValues());
        };
    }

    /**
     * For the {@code since*} types, {@code countNumber} days of 24 hours.
     *
     * @throws IllegalStateException for {@code imageCountMoreThan}, which counts images, not days
     */
    public Duration age() {
        if (!countType.usesDays()) {
            throw new IllegalStateException(countType.json() + " counts images, not days");
        }
        return Duration.ofDays(countNumber);
    }
}
