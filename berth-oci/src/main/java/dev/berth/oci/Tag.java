package dev.berth.oci;

import java.util.Objects;

/** A tag, per the distribution spec: {@code [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}}. */
public record Tag(String value) implements Reference, Comparable<Tag> {
    public static final int MAX_LENGTH = 128;

    public Tag {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new InvalidReferenceException("tag", value);
        }
    }

    /** The grammar, checked by hand: tags are parsed on every tag-list row and manifest request (hot path). */
    private static boolean isValid(String s) {
        int n = s.length();
        if (n == 0 || n > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || (i > 0 && (c == '.' || c == '-'));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public static Tag parse(String text) {
        return new Tag(text);
    }

    @Override
    public int compareTo(Tag o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
