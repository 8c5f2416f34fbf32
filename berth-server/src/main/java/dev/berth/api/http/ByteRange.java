package dev.berth.api.http;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One satisfiable byte range of a representation of known size (RFC 9110 section 14). Multi-range requests are
 * answered with the whole representation, which RFC 9110 allows.
 */
public record ByteRange(long first, long last) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    public long length() {
        return last - first + 1;
    }

    /** The result of reading a {@code Range} header against a size. */
    public sealed interface Parsed permits Whole, Partial, Unsatisfiable {}

    /** No usable Range header: send everything (200). */
    public record Whole() implements Parsed {}

    /** Send this part (206). */
    public record Partial(ByteRange range) implements Parsed {}

    /** The range lies outside the representation (416). */
    public record Unsatisfiable() implements Parsed {}

    public static Parsed parse(String header, long size) {
        if (header == null) {
            return new Whole();
        }
        Matcher m = SINGLE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return new Whole(); // malformed or multi-range: RFC 9110 lets the server ignore it
        }
        try {
            if (m.group(1).isEmpty()) { // suffix range: the last N bytes
                long n = Long.parseLong(m.group(2));
                if (n == 0 || size == 0) {
                    return new Unsatisfiable();
                }
                return new Partial(new ByteRange(Math.max(0, size - n), size - 1));
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            if (first >= size || (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < first)) {
                return new Unsatisfiable();
            }
            return new Partial(new ByteRange(first, last));
        } catch (NumberFormatException e) {
            return new Whole();
        }
    }

    /** Parses an upload's {@code Content-Range: <start>-<end>}; empty when malformed. */
    public static Optional<ByteRange> parseUploadRange(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = Pattern.compile("(?:bytes[ =])?(\\d+)-(\\d+)(?:/\\S+)?").matcher(header.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            long first = Long.parseLong(m.group(1));
            long last = Long.parseLong(m.group(2));
            return last < first ? Optional.empty() : Optional.of(new ByteRange(first, last));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
