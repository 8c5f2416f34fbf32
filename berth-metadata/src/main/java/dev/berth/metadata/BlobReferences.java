package dev.berth.metadata;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The one definition of "a blob is referenced", which garbage collection asks through
 * {@link MetadataStore#unreferencedBlobs} and {@link MetadataStore#isBlobReferenced}: a blob is referenced while any
 * of these columns holds its digest. A table that keeps blobs alive (a restore window, say) adds its column here,
 * and both questions then cover it.
 */
final class BlobReferences {
    /** {@code table.column} pairs; each column is indexed. */
    static final List<String[]> SOURCES = List.of(
            new String[] {"repository_blobs", "digest"},    // linked in some repository (pushed or mounted there)
            new String[] {"manifest_blobs", "blob_digest"}, // config or layer of a stored manifest
            new String[] {"manifests", "digest"},           // the bytes of a stored manifest
            new String[] {"blob_holds", "digest"},          // a push in flight
            new String[] {"expired_manifest_blobs", "blob_digest"}, // config or layer of a restorable expired image
            new String[] {"expired_manifests", "digest"});  // the bytes of a restorable expired image

    private BlobReferences() {}

    /** {@code SELECT <column> ... UNION ...} over every source for an IN list of {@code count} digests. */
    static String referencedAmong(int count) {
        String markers = Sql.markers(count);
        return SOURCES.stream()
                .map(s -> "SELECT " + s[1] + " FROM " + s[0] + " WHERE " + s[1] + " IN (" + markers + ")")
                .collect(Collectors.joining(" UNION "));
    }

    /** How many times each IN list's parameters must be bound for {@link #referencedAmong}. */
    static int sourceCount() {
        return SOURCES.size();
    }
}
