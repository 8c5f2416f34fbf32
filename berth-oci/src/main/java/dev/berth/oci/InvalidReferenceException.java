package dev.berth.oci;

/** A string that should have been a digest, tag or repository name and is not. */
public class InvalidReferenceException extends IllegalArgumentException {
    private final String kind;

    public InvalidReferenceException(String kind, String value) {
        super("invalid " + kind + ": " + abbreviate(value));
        this.kind = kind;
    }

    /** What was being parsed: {@code digest}, {@code tag}, {@code name} or {@code reference}. */
    public String kind() {
        return kind;
    }

    private static String abbreviate(String value) {
        return value.length() > 300 ? value.substring(0, 300) + "..." : value;
    }
}
