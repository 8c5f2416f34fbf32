package dev.berth.metadata;

import dev.berth.oci.Digest;
import dev.berth.oci.Tag;
import java.util.List;
import java.util.Map;

/**
 * What restoring an expired image did.
 *
 * @param restored     the images back in the repository: the one asked for, then the referrers and index children
 *                     that had expired with it
 * @param tags         tags pointing at a restored image again
 * @param tagsInUse    tags that now point at another image, which they keep: tag → that image
 */
public record RestoreOutcome(List<Digest> restored, List<Tag> tags, Map<Tag, Digest> tagsInUse) {
    public RestoreOutcome {
        restored = List.copyOf(restored);
        tags = List.copyOf(tags);
        tagsInUse = Map.copyOf(tagsInUse);
    }
}
