package dev.berth.metadata;

import dev.berth.oci.Digest;
import dev.berth.oci.Tag;
import java.util.List;
import java.util.Objects;

/**
 * One image a lifecycle run's evaluation expires, as recorded in the run's plan.
 *
 * @param group  images with the same group leave together, in one transaction, or not at all (an image with its
 *               referrers and the untagged children of its index)
 * @param tags   the tags it had when evaluated; if they differ when the run gets to it, its group is left alone
 * @param detail a JSON object for the audit trail (rule priority and description, the evaluator's reason, tags)
 */
public record PlannedExpiry(Digest digest, int group, List<Tag> tags, String detail) {
    public PlannedExpiry {
        Objects.requireNonNull(digest, "digest");
        tags = List.copyOf(tags);
        Objects.requireNonNull(detail, "detail");
    }
}
