package dev.berth.iam;

import java.util.Optional;

/**
 * The policy language version. Policy variables ({@code ${aws:username}}) exist only in {@link #V2012_10_17}; in
 * {@link #V2008_10_17}, which is also what a document without {@code Version} gets, {@code ${...}} is literal text.
 */
public enum PolicyVersion {
    V2012_10_17("2012-10-17"),
    V2008_10_17("2008-10-17");

    private final String text;

    PolicyVersion(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** Whether {@code ${...}} is substituted in this version. */
    public boolean variables() {
        return this == V2012_10_17;
    }

    static Optional<PolicyVersion> byText(String text) {
        for (PolicyVersion v : values()) {
            if (v.text.equals(text)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
