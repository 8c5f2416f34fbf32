package dev.berth.oci;

/** What follows {@code /manifests/}: a {@link Tag} or a {@link Digest}. */
public sealed interface Reference permits Tag, Digest {

    /** A reference with a ':' is a digest, anything else must be a tag. */
    static Reference parse(String text) {
        return text.indexOf(':') >= 0 ? Digest.parse(text) : Tag.parse(text);
    }
}
