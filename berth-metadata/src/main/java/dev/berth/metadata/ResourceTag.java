package dev.berth.metadata;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One resource tag of a repository (ECR {@code Tag}: {@code Key}, {@code Value}), validated as AWS validates tags:
 * a key of 1 to {@value #MAX_KEY_LENGTH} characters not starting with {@code aws:} (reserved), a value of 0 to
 * {@value #MAX_VALUE_LENGTH}, both made of letters, digits, white space and {@code _ . : / = + - @}.
 * A repository holds at most {@value #MAX_PER_RESOURCE}. Not to be confused with an image tag
 * ({@code dev.berth.oci.Tag}).
 */
public record ResourceTag(String key, String value) {
    public static final int MAX_KEY_LENGTH = 128;
    public static final int MAX_VALUE_LENGTH = 256;
    public static final int MAX_PER_RESOURCE = 50;
    private static final Pattern CHARACTERS = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    public ResourceTag {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (key.isEmpty() || key.codePointCount(0, key.length()) > MAX_KEY_LENGTH) {
            throw new InvalidResourceTagException("tag keys must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        if (value.codePointCount(0, value.length()) > MAX_VALUE_LENGTH) {
            throw new InvalidResourceTagException("tag values must be at most " + MAX_VALUE_LENGTH + " characters");
        }
        if (key.regionMatches(true, 0, "aws:", 0, 4)) {
            throw new InvalidResourceTagException("tag keys starting with 'aws:' are reserved");
        }
        if (!CHARACTERS.matcher(key).matches() || !CHARACTERS.matcher(value).matches()) {
            throw new InvalidResourceTagException("tag keys and values may contain only letters, digits, spaces"
                    + " and _ . : / = + - @");
        }
    }
}
