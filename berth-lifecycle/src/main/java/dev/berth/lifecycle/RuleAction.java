package dev.berth.lifecycle;

/**
 * {@code action.type}. ECR's newer {@code transition} (to the archive storage class) is refused by the parser: Berth
 * has no archive storage class.
 */
public enum RuleAction {
    /** Remove the image (in preview results: {@code EXPIRE}). */
    EXPIRE("expire");

    private final String json;

    RuleAction(String json) {
        this.json = json;
    }

    /** The spelling in the policy JSON (lower case; preview results upper-case it). */
    public String json() {
        return json;
    }
}
