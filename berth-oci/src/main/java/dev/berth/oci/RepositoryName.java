package dev.berth.oci;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A repository name per the distribution spec grammar
 * {@code [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*}, at most 255 characters.
 * Berth's convention is {@code {project}/{image}}, but any valid name is accepted.
 */
public record RepositoryName(String value) implements Comparable<RepositoryName> {
    public static final int MAX_LENGTH = 255;
    private static final Pattern GRAMMAR =
            Pattern.compile("[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");

    public RepositoryName {
        Objects.requireNonNull(value, "value");
        if (value.length() > MAX_LENGTH || !GRAMMAR.matcher(value).matches()) {
            throw new InvalidReferenceException("name", value);
        }
    }

    public static RepositoryName parse(String text) {
        return new RepositoryName(text);
    }

    @Override
    public int compareTo(RepositoryName o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
