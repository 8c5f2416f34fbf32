package dev.berth.lifecycle;

import java.util.Objects;

/**
 * One {@code tagPatternList} entry: {@code *} stands for any run of characters (including none), every other
 * character stands for itself, and the pattern must match the whole tag, case-sensitively. So {@code prod*} matches
 * {@code prod}, {@code prod1} and {@code prod-2} but not {@code preprod}; {@code *-rc*} matches {@code 1.0-rc1}.
 * At most {@value #MAX_WILDCARDS} {@code *} per entry (spec §3.2 rule 8). Immutable and thread-safe; matching is
 * linear in the tag's length.
 */
public final class TagPattern {
    public static final int MAX_WILDCARDS = 4;

    private final String pattern;
    private final String[] parts;

    private TagPattern(String pattern) {
        this.pattern = pattern;
        this.parts = pattern.split("\\*", -1);
    }

    /**
     * @throws InvalidLifecyclePolicyException when the entry has more than {@value #MAX_WILDCARDS} wildcards
     */
    public static TagPattern parse(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        long wildcards = pattern.chars().filter(c -> c == '*').count();
        if (wildcards > MAX_WILDCARDS) {
            throw new InvalidLifecyclePolicyException("tagPatternList entry \"" + pattern + "\" has " + wildcards
                    + " wildcards (*); at most " + MAX_WILDCARDS + " are allowed");
        }
        return new TagPattern(pattern);
    }

    /** Whether the whole of {@code tag} matches. */
    public boolean matches(String tag) {
        if (parts.length == 1) {
            return tag.equals(pattern);
        }
        String head = parts[0];
        String tail = parts[parts.length - 1];
        if (tag.length() < head.length() + tail.length() || !tag.startsWith(head) || !tag.endsWith(tail)) {
            return false;
        }
        // Ends anchored; taking each middle part at its leftmost place leaves the most room for the ones after it.
        int from = head.length();
        int end = tag.length() - tail.length();
        for (int i = 1; i < parts.length - 1; i++) {
            int at = tag.indexOf(parts[i], from);
            if (at < 0 || at + parts[i].length() > end) {
                return false;
            }
            from = at + parts[i].length();
        }
        return true;
    }

    /** The entry as written in the policy. */
    public String pattern() {
        return pattern;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TagPattern other && other.pattern.equals(pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
