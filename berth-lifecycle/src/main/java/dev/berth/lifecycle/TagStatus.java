package dev.berth.lifecycle;

import java.util.Optional;

/** {@code selection.tagStatus}: which images a rule can select at all, by whether they carry any tag. */
public enum TagStatus {
    /** Images with at least one tag that also satisfy the rule's tag prefix or pattern list. */
    TAGGED("tagged"),
    /** Images with no tag. */
    UNTAGGED("untagged"),
    /** Every image; the rule must be the policy's last (highest {@code rulePriority}). */
    ANY("any");

    private final String json;

    TagStatus(String json) {
        this.json = json;
    }

    /** The spelling in the policy JSON. */
    public String json() {
        return json;
    }

    /** The status spelled exactly {@code text} in policy JSON (case-sensitive, as ECR's schema is). */
    public static Optional<TagStatus> byJson(String text) {
        for (TagStatus s : values()) {
            if (s.json.equals(text)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
