package dev.berth.api.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.aws.AwsJson;
import dev.berth.metadata.ImageSummary;
import dev.berth.metadata.ManifestRecord;
import dev.berth.oci.Digest;
import dev.berth.oci.DigestAlgorithm;
import dev.berth.oci.InvalidReferenceException;
import dev.berth.oci.ManifestParser;
import dev.berth.oci.MediaTypes;
import dev.berth.oci.Reference;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;
import dev.berth.registry.RegistryException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PutImage (spec §2.3, §6): a manifest pushed through the API goes through {@link
 * dev.berth.registry.ManifestService#put}, the same path as {@code PUT /v2/<name>/manifests/<ref>}, so tag immutability
 * (decided in the metadata transaction: of concurrent pushes of one new immutable tag exactly one wins) and the
 * checks of referenced blobs are the same on both APIs. Only ECR's own answers are added: ImageAlreadyExistsException
 * for a tag already on that very digest (any mutability), and the quota of tags per image.
 */
final class PutImage implements EcrOperation {
    /** ECR's quota of tags per image. */
    static final int MAX_TAGS_PER_IMAGE = 1000;

    private final EcrContext ctx;

    PutImage(EcrContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public JsonNode handle(EcrCall call) {
        EcrInput in = call.input();
        RepositoryName name = in.repositoryName();
        in.registryId(ctx.accountId());
        String text = in.string("imageManifest", 1, ManifestParser.MAX_MANIFEST_BYTES)
                .orElseThrow(() -> EcrErrors.validation("imageManifest", null, "Member must not be null"));
        Optional<String> mediaType = in.string("imageManifestMediaType");
        Tag tag = in.string("imageTag", 1, 300).map(PutImage::tag).orElse(null);
        Optional<String> expected = in.string("imageDigest");
        ctx.authorize(call, "PutImage", name, tag == null ? Map.of() : Map.of("ecr:ImageTag", List.of(tag.value())));
        ctx.requireRepository(name);

        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.compute(DigestAlgorithm.SHA256, bytes);
        if (expected.isPresent() && !expected.get().equals(digest.toString())) {
            throw EcrErrors.of("ImageDigestDoesNotMatchException", "Invalid parameter at 'imageDigest' failed to"
                    + " satisfy constraint: 'the digest " + expected.get() + " does not match the manifest's digest "
                    + digest + "'");
        }
        if (mediaType.isEmpty() && !hasMediaType(text)) {
            throw EcrErrors.invalidParameter("image manifest mediatype not provided in manifest or parameter");
        }
        refuseExisting(name, digest, tag);
        ManifestRecord stored = put(name, tag == null ? digest : tag, bytes, mediaType.orElse(null));

        ObjectNode out = AwsJson.object();
        ObjectNode image = out.putObject("image").put("registryId", ctx.accountId()).put("repositoryName", name.value());
        image.set("imageId", Shapes.imageId(stored.digest(), tag));
        image.put("imageManifest", text).put("imageManifestMediaType", stored.mediaType());
        return out;
    }

    private static Tag tag(String text) {
        try {
            return Tag.parse(text);
        } catch (InvalidReferenceException e) {
            throw EcrErrors.invalidParameter("Invalid parameter at 'imageTag' failed to satisfy constraint:"
                    + " 'must satisfy regular expression '[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}''");
        }
    }

    private static boolean hasMediaType(String manifest) {
        try {
            JsonNode node = AwsJson.MAPPER.readTree(manifest);
            return node != null && node.hasNonNull("mediaType");
        } catch (Exception e) {
            return true;   // not JSON: ManifestService refuses it with the parser's reason
        }
    }

    /** ImageAlreadyExistsException when the image already is what the call asks for; the tags-per-image quota. */
    private void refuseExisting(RepositoryName name, Digest digest, Tag tag) {
        List<ImageSummary> existing = ctx.store().describeImages(name, List.of(digest));
        if (existing.isEmpty()) {
            return;
        }
        List<Tag> tags = existing.getFirst().tags();
        if (tag == null || tags.contains(tag)) {
            throw EcrErrors.imageAlreadyExists(digest, tag == null ? null : tag.value(), name, ctx.accountId());
        }
        if (tags.size() >= MAX_TAGS_PER_IMAGE) {
            throw EcrErrors.limitExceeded("The image with digest '" + digest + "' already has " + tags.size()
                    + " tags, the most an image can have");
        }
    }

    private ManifestRecord put(RepositoryName name, Reference reference, byte[] bytes, String mediaType) {
        try {
            return ctx.manifests().put(name, reference, bytes, mediaType);
        } catch (RegistryException e) {
            throw switch (e.error()) {
                case TAG_IMMUTABLE -> EcrErrors.imageTagAlreadyExists(((Tag) reference).value(), name);
                case MANIFEST_BLOB_UNKNOWN -> missing(name, bytes, mediaType, e);
                case NAME_UNKNOWN -> EcrErrors.repositoryNotFound(name, ctx.accountId());
                case MANIFEST_INVALID, DIGEST_INVALID -> EcrErrors.invalidParameter(
                        "Invalid parameter at 'imageManifest' failed to satisfy constraint: '" + e.getMessage() + "'");
                default -> e;
            };
        }
    }

    /** LayersNotFoundException for an image manifest, ReferencedImagesNotFoundException for an index. */
    @SuppressWarnings("unchecked")
    private RuntimeException missing(RepositoryName name, byte[] bytes, String mediaType, RegistryException e) {
        List<String> digests = e.detail() instanceof List<?> l ? (List<String>) l : List.of();
        boolean index = MediaTypes.isIndex(ManifestParser.parse(bytes, mediaType).mediaType());
        return index ? EcrErrors.referencedImagesNotFound(digests, name)
                : EcrErrors.layersNotFound(digests, name, ctx.accountId());
    }
}
