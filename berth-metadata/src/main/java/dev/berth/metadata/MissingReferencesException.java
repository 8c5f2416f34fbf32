package dev.berth.metadata;

import dev.berth.oci.Digest;
import java.util.Set;

/**
 * A manifest was refused because, inside the transaction that would have stored it, some of its blobs were not
 * linked in the repository or some of its children were not stored there (unlinked or collected since the caller
 * checked). Nothing of the push is stored.
 */
public final class MissingReferencesException extends RuntimeException {
    private final Set<Digest> missing;

    public MissingReferencesException(Set<Digest> missing) {
        super("manifest references " + missing.size() + " blob(s) or manifest(s) not in the repository",
                null, false, false);
        this.missing = Set.copyOf(missing);
    }

    public Set<Digest> missing() {
        return missing;
    }
}
