package dev.berth.api.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.aws.AwsJson;
import dev.berth.metadata.ImageId;
import dev.berth.metadata.ImageSummary;
import dev.berth.metadata.ManifestRecord;
import dev.berth.metadata.TagStatus;
import dev.berth.oci.Digest;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;
import dev.berth.registry.StoredManifest;
import dev.berth.registry.scan.ScanReport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reading and deleting images (spec §2.3): ListImages, DescribeImages, BatchGetImage, BatchDeleteImage. */
final class ImageOperations {
    private static final int DEFAULT_PAGE = 100;
    private static final List<String> TAG_STATUS = List.of("TAGGED", "UNTAGGED", "ANY");

    private final EcrContext ctx;

    ImageOperations(EcrContext ctx) {
        this.ctx = ctx;
    }

    Map<String, EcrOperation> operations() {
        return Map.of("ListImages", this::list,
                "DescribeImages", this::describe,
                "BatchGetImage", this::batchGet,
                "BatchDeleteImage", this::batchDelete);
    }

    private JsonNode list(EcrCall call) {
        EcrInput in = call.input();
        RepositoryName name = in.repositoryName();
        in.registryId(ctx.accountId());
        TagStatus status = tagStatus(in);
        int limit = Math.toIntExact(in.number("maxResults", 1, 1000).orElse((long) DEFAULT_PAGE));
        String cursor = PageTokens.decode("ListImages", in.string("nextToken").orElse(null));
        ctx.authorize(call, "ListImages", name);
        ctx.requireRepository(name);
        List<ImageId> page = ctx.store().listImages(name, status, cursor == null ? null : imageCursor(cursor),
                limit + 1);
        ObjectNode out = AwsJson.object();
        ArrayNode ids = out.putArray("imageIds");
        page.stream().limit(limit).forEach(id -> ids.add(Shapes.imageId(id.digest(), id.tag())));
        if (page.size() > limit) {
            ImageId last = page.get(limit - 1);
            out.put("nextToken", PageTokens.encode("ListImages",
                    last.digest() + "\t" + last.tagIfAny().map(Tag::value).orElse("")));
        }
        return out;
    }

    private static ImageId imageCursor(String cursor) {
        int tab = cursor.indexOf('\t');
        try {
            String tag = cursor.substring(tab + 1);
            return new ImageId(Digest.parse(cursor.substring(0, tab)), tag.isEmpty() ? null : Tag.parse(tag));
        } catch (RuntimeException e) {
            throw EcrErrors.invalidParameter("Invalid parameter at 'nextToken' failed to satisfy constraint:"
                    + " 'not a token this operation issued'");
        }
    }

    private static TagStatus tagStatus(EcrInput in) {
        EcrInput filter = in.object("filter");
        return filter == null ? TagStatus.ANY
                : TagStatus.valueOf(filter.enumeration("tagStatus", TAG_STATUS).orElse("ANY"));
    }

    private JsonNode describe(EcrCall call) {
        EcrInput in = call.input();
        RepositoryName name = in.repositoryName();
        in.registryId(ctx.accountId());
        TagStatus status = tagStatus(in);
        int limit = Math.toIntExact(in.number("maxResults", 1, 1000).orElse((long) DEFAULT_PAGE));
        String cursor = PageTokens.decode("DescribeImages", in.string("nextToken").orElse(null));
        List<ImageIds> asked = new ArrayList<>();
        if (in.has("imageIds")) {
            for (JsonNode id : in.requiredList("imageIds", 1, 100)) {
                try {
                    asked.add(ImageIds.parse(id));
                } catch (ImageIds.Failure f) {
                    throw EcrErrors.invalidParameter(f.getMessage());
                }
            }
        }
        ctx.authorize(call, "DescribeImages", name);
        ctx.requireRepository(name);
        if (ctx.pulls() != null) {
            ctx.pulls().flush();   // this node's recent pulls show at once
        }
        ObjectNode out = AwsJson.object();
        ArrayNode details = out.putArray("imageDetails");
        if (!asked.isEmpty()) {
            Set<Digest> digests = new LinkedHashSet<>();
            for (ImageIds id : asked) {
                try {
                    digests.add(id.resolve(ctx.manifests(), name).digest());
                } catch (ImageIds.Failure f) {
                    throw EcrErrors.imageNotFound(id.describe(), name, ctx.accountId());
                }
            }
            addDetails(name, ctx.store().describeImages(name, digests), details);
            return out;
        }
        Digest after = null;
        if (cursor != null) {
            try {
                after = Digest.parse(cursor);
            } catch (RuntimeException e) {
                throw EcrErrors.invalidParameter("Invalid parameter at 'nextToken' failed to satisfy constraint:"
                        + " 'not a token this operation issued'");
            }
        }
        List<ImageSummary> page = ctx.store().describeImages(name, status, after, limit + 1);
        addDetails(name, page.stream().limit(limit).toList(), details);
        if (page.size() > limit) {
            out.put("nextToken", PageTokens.encode("DescribeImages", page.get(limit - 1).digest().toString()));
        }
        return out;
    }

    /** ImageDetails with each image's scan status and findings summary, when it has been scanned. */
    private void addDetails(RepositoryName name, List<ImageSummary> images, ArrayNode details) {
        Map<Digest, ScanReport> scans = new java.util.HashMap<>();
        ctx.scans().reports(name, images.stream().map(ImageSummary::digest).toList())
                .forEach(r -> scans.put(r.scan().digest(), r));
        for (ImageSummary image : images) {
            ObjectNode detail = Shapes.imageDetail(ctx, image);
            ScanReport report = scans.get(image.digest());
            if (report != null) {
                detail.set("imageScanStatus", ScanOperations.status(report.scan()));
                if (report.scan().state() == dev.berth.metadata.ScanState.COMPLETE) {
                    detail.set("imageScanFindingsSummary", ScanOperations.summary(report));
                }
            }
            details.add(detail);
        }
    }

    private JsonNode batchGet(EcrCall call) {
        EcrInput in = call.input();
        RepositoryName name = in.repositoryName();
        in.registryId(ctx.accountId());
        List<JsonNode> ids = in.requiredList("imageIds", 1, 100);
        List<String> accepted = in.strings("acceptedMediaTypes");
        ctx.authorize(call, "BatchGetImage", name);
        ctx.requireRepository(name);
        ObjectNode out = AwsJson.object();
        ArrayNode images = out.putArray("images");
        ArrayNode failures = out.putArray("failures");
        for (JsonNode asked : ids) {
            try {
                ImageIds id = ImageIds.parse(asked);
                ManifestRecord record = id.resolve(ctx.manifests(), name);
                if (!accepted.isEmpty() && !accepted.contains(record.mediaType())) {
                    throw new ImageIds.Failure("ImageNotFound", "Requested image's media type "
                            + record.mediaType() + " is not among the acceptedMediaTypes");
                }
                StoredManifest stored;
                try {
                    stored = ctx.manifests().get(name, record.digest());
                } catch (dev.berth.registry.RegistryException e) {
                    if (e.error() == dev.berth.registry.RegistryError.DENIED) {
                        throw EcrErrors.pullRefused(e.getMessage());
                    }
                    throw e;
                }
                ObjectNode image = images.addObject().put("registryId", ctx.accountId())
                        .put("repositoryName", name.value());
                image.set("imageId", Shapes.imageId(record.digest(), id.tag()));
                image.put("imageManifest", new String(stored.bytes(), StandardCharsets.UTF_8))
                        .put("imageManifestMediaType", record.mediaType());
            } catch (ImageIds.Failure f) {
                failures.add(ImageIds.failure(asked, f));
            }
        }
        return out;
    }

    private JsonNode batchDelete(EcrCall call) {
        EcrInput in = call.input();
        RepositoryName name = in.repositoryName();
        in.registryId(ctx.accountId());
        List<JsonNode> ids = in.requiredList("imageIds", 1, 100);
        ctx.authorize(call, "BatchDeleteImage", name);
        ctx.requireRepository(name);
        ObjectNode out = AwsJson.object();
        ArrayNode deleted = out.putArray("imageIds");
        ArrayNode failures = out.putArray("failures");
        for (JsonNode asked : ids) {
            try {
                ImageIds id = ImageIds.parse(asked);
                ManifestRecord record = id.resolve(ctx.manifests(), name);
                deleteOne(name, id, record, deleted);
            } catch (ImageIds.Failure f) {
                failures.add(ImageIds.failure(asked, f));
            }
        }
        return out;
    }

    /**
     * By tag: removes the tag, and the image too when that was its last tag. By digest: removes the image and every
     * tag on it. Lists each removed (digest, tag) pair, or the digest alone for an untagged image.
     */
    private void deleteOne(RepositoryName name, ImageIds id, ManifestRecord record, ArrayNode deleted) {
        Digest digest = record.digest();
        if (id.tag() != null) {
            if (!ctx.store().describeImages(name, List.of(digest)).isEmpty()) {
                try {
                    ctx.manifests().delete(name, id.tag());
                } catch (dev.berth.registry.RegistryException e) {
                    throw new ImageIds.Failure("ImageNotFound", "Requested image not found");
                }
                deleted.add(Shapes.imageId(digest, id.tag()));
                List<ImageSummary> left = ctx.store().describeImages(name, List.of(digest));
                if (!left.isEmpty() && left.getFirst().tags().isEmpty()) {
                    deleteManifest(name, digest);
                }
            }
            return;
        }
        List<ImageSummary> image = ctx.store().describeImages(name, List.of(digest));
        deleteManifest(name, digest);
        List<Tag> tags = image.isEmpty() ? List.of() : image.getFirst().tags();
        if (tags.isEmpty()) {
            deleted.add(Shapes.imageId(digest, null));
        }
        tags.forEach(t -> deleted.add(Shapes.imageId(digest, t)));
    }

    private void deleteManifest(RepositoryName name, Digest digest) {
        try {
            ctx.manifests().delete(name, digest);
        } catch (dev.berth.registry.RegistryException e) {
            // Deleted concurrently: the outcome the caller asked for.
        }
    }
}
