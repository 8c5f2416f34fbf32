package dev.berth.oci;

/** Manifest bytes that are not an acceptable manifest; the message names the problem (OCI: MANIFEST_INVALID). */
public class InvalidManifestException extends IllegalArgumentException {
    public InvalidManifestException(String message) {
        super(message);
    }
}
