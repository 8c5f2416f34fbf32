package dev.berth.oci;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tag filter of ECR's {@code WILDCARD} type, as used by {@code imageTagMutabilityExclusionFilters}: 1 to 128 of
 * {@code [0-9a-zA-Z._*-]}, where {@code *} stands for any run of characters, including none. It matches a whole
 * tag, case-sensitively: {@code dev-*} matches {@code dev-} and {@code dev-42} but not {@code dev} or
 * {@code my-dev-1}; {@code *-rc*} matches {@code 1.0-rc1}.
 *
 * <p>At most {@value #MAX_WILDCARDS} {@code *} per filter: the limit the Terraform AWS provider enforces for this
 * field (the botocore model gives only the character set and length).
 */
public record TagWildcard(String filter) {
    public static final int MAX_LENGTH = 128;
    public static final int MAX_WILDCARDS = 2;
    private static final Pattern GRAMMAR = Pattern.compile("[0-9a-zA-Z._*-]{1," + MAX_LENGTH + "}");

    public TagWildcard {
        Objects.requireNonNull(filter, "filter");
        if (!GRAMMAR.matcher(filter).matches()) {
            throw new InvalidTagMutabilityException("exclusion filter '" + abbreviate(filter)
                    + "' must be 1 to " + MAX_LENGTH + " of the characters 0-9 a-z A-Z . _ - *");
        }
        if (filter.chars().filter(ch -> ch == '*').count() > MAX_WILDCARDS) {
            throw new InvalidTagMutabilityException("exclusion filter '" + filter + "' has more than "
                    + MAX_WILDCARDS + " wildcards (*)");
        }
    }

    public static TagWildcard parse(String text) {
        return new TagWildcard(text);
    }

    /** Whether the whole tag matches; linear in the tag's length (no backtracking). */
    public boolean matches(Tag tag) {
        String text = tag.value();
        String[] parts = filter.split("\\*", -1);
        if (parts.length == 1) {
            return text.equals(filter);
        }
        String head = parts[0];
        String tail = parts[parts.length - 1];
        if (text.length() < head.length() + tail.length() || !text.startsWith(head) || !text.endsWith(tail)) {
            return false;
        }
        // With the ends anchored, the leftmost match of each middle part leaves the most room for the next.
        int from = head.length();
        int end = text.length() - tail.length();
        for (int i = 1; i < parts.length - 1; i++) {
            int at = text.indexOf(parts[i], from);
            if (at < 0 || at + parts[i].length() > end) {
                return false;
            }
            from = at + parts[i].length();
        }
        return true;
    }

    @Override
    public String toString() {
        return filter;
    }

    private static String abbreviate(String value) {
        return value.length() > 200 ? value.substring(0, 200) + "..." : value;
    }
}
