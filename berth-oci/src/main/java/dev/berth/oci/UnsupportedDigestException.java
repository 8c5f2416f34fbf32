package dev.berth.oci;

/** A well-formed digest whose algorithm the registry does not support (OCI: {@code DIGEST_INVALID}). */
public class UnsupportedDigestException extends InvalidReferenceException {
    public UnsupportedDigestException(String value) {
        super("digest algorithm", value);
    }
}
