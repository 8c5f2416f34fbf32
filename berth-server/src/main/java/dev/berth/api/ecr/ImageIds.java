package dev.berth.api.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.aws.AwsJson;
import dev.berth.metadata.ManifestRecord;
import dev.berth.oci.Digest;
import dev.berth.oci.InvalidReferenceException;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;
import dev.berth.registry.ManifestService;
import dev.berth.registry.RegistryException;
import java.util.Optional;

/**
 * ECR's {@code ImageIdentifier} ({@code imageDigest} and/or {@code imageTag}) as asked for, and its resolution to a
 * stored manifest, with the per-image failure codes of the batch operations ({@code ImageFailure}).
 *
 * @param asked the identifier exactly as the caller sent it (echoed in failures)
 */
record ImageIds(JsonNode asked, Digest digest, Tag tag) {

    /** A failure of one identifier: {@code failureCode} and {@code failureReason}. */
    static final class Failure extends RuntimeException {
        final String code;

        Failure(String code, String reason) {
            super(reason, null, false, false);
            this.code = code;
        }
    }

    /** Parses one identifier; a {@link Failure} for a missing or malformed part. */
    static ImageIds parse(JsonNode node) {
        EcrInput in = new EcrInput(node == null ? AwsJson.object() : node);
        Optional<String> digest = in.string("imageDigest");
        Optional<String> tag = in.string("imageTag");
        if (digest.isEmpty() && tag.isEmpty()) {
            throw new Failure("MissingDigestAndTag", "Invalid request parameters: both tag and digest cannot be null");
        }
        Digest d = null;
        Tag t = null;
        if (digest.isPresent()) {
            try {
                d = Digest.parse(digest.get());
            } catch (InvalidReferenceException e) {
                throw new Failure("InvalidImageDigest", "Invalid request parameters: image digest should satisfy the"
                        + " regex '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+'");
            }
        }
        if (tag.isPresent()) {
            try {
                t = Tag.parse(tag.get());
            } catch (InvalidReferenceException e) {
                throw new Failure("InvalidImageTag", "Invalid request parameters: image tag is not valid");
            }
        }
        return new ImageIds(node, d, t);
    }

    /** The stored manifest this identifier names; a {@link Failure} when there is none or tag and digest disagree. */
    ManifestRecord resolve(ManifestService manifests, RepositoryName repository) {
        ManifestRecord found;
        try {
            found = manifests.describe(repository, tag != null ? tag : digest);
        } catch (RegistryException e) {
            throw new Failure("ImageNotFound", "Requested image not found");
        }
        if (tag != null && digest != null && !found.digest().equals(digest)) {
            throw new Failure("ImageTagDoesNotMatchDigest", "Invalid request parameters: given tag does not map to"
                    + " the given digest");
        }
        return found;
    }

    /** {@code {imageDigest:'…', imageTag:'…'}} for messages, as ECR writes it. */
    String describe() {
        return "{imageDigest:'" + (digest == null ? "null" : digest) + "', imageTag:'" + (tag == null ? "null" : tag)
                + "'}";
    }

    static ObjectNode failure(JsonNode asked, Failure f) {
        ObjectNode o = AwsJson.object();
        o.set("imageId", asked == null ? AwsJson.object() : asked);
        return o.put("failureCode", f.code).put("failureReason", f.getMessage());
    }
}
