package dev.berth.api.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.aws.AwsJson;
import dev.berth.api.distribution.RegistryAccess;
import dev.berth.oci.Digest;
import dev.berth.oci.InvalidReferenceException;
import dev.berth.oci.RepositoryName;
import dev.berth.registry.RangeNotSatisfiableException;
import dev.berth.registry.RegistryError;
import dev.berth.registry.RegistryException;
import dev.berth.registry.UploadState;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The layer half of the API push (spec §2.3): BatchCheckLayerAvailability, InitiateLayerUpload, UploadLayerPart,
 * CompleteLayerUpload, GetDownloadUrlForLayer. Uploads are the registry's own upload sessions (the same as
 * {@code POST /v2/<name>/blobs/uploads/}), so bytes are hashed while streaming and only a verified blob is linked.
 * A download URL is pre-signed: Berth's blob endpoint with a token that authenticates the caller for that one blob
 * for {@link dev.berth.auth.RegistryTokens#DOWNLOAD_VALIDITY}; the GET is still authorized as the caller.
 */
final class LayerOperations {
    /** The part size suggested to clients: ECR's maximum part (a part travels base64 in one JSON body). */
    static final long PART_SIZE = 20L * 1024 * 1024;

    private final EcrContext ctx;

    LayerOperations(EcrContext ctx) {
        this.ctx = ctx;
    }

    Map<String, EcrOperation> operations() {
        return Map.of("BatchCheckLayerAvailability", this::check,
                "InitiateLayerUpload", this::initiate,
                "UploadLayerPart", this::uploadPart,
                "CompleteLayerUpload", this::complete,
                "GetDownloadUrlForLayer", this::downloadUrl);
    }

    private JsonNode check(EcrCall call) {
        EcrInput in = call.input();
        RepositoryName name = in.repositoryName();
        in.registryId(ctx.accountId());
        List<JsonNode> digests = in.requiredList("layerDigests", 1, 100);
        ctx.authorize(call, "BatchCheckLayerAvailability", name);
        ctx.requireRepository(name);
        ObjectNode out = AwsJson.object();
        ArrayNode layers = out.putArray("layers");
        ArrayNode failures = out.putArray("failures");
        for (JsonNode d : digests) {
            String text = d.asText("");
            if (text.isEmpty()) {
                failures.addObject().put("layerDigest", text).put("failureCode", "MissingLayerDigest")
                        .put("failureReason", "The layer digest is missing");
                continue;
            }
            Digest digest;
            try {
                digest = Digest.parse(text);
            } catch (InvalidReferenceException e) {
                failures.addObject().put("layerDigest", text).put("failureCode", "InvalidLayerDigest")
                        .put("failureReason", "Invalid layer digest");
                continue;
            }
            Optional<Long> size = ctx.blobs().stat(name, digest);
            ObjectNode layer = layers.addObject().put("layerDigest", text)
                    .put("layerAvailability", size.isPresent() ? "AVAILABLE" : "UNAVAILABLE");
            size.ifPresent(s -> layer.put("layerSize", s));
        }
        return out;
    }

    private JsonNode initiate(EcrCall call) {
        EcrInput in = call.input();
        RepositoryName name = in.repositoryName();
        in.registryId(ctx.accountId());
        ctx.authorize(call, "InitiateLayerUpload", name);
        ctx.requireRepository(name);
        UploadState upload = ctx.blobs().startUpload(name);
        return AwsJson.object().put("uploadId", upload.id()).put("partSize", PART_SIZE);
    }

    private JsonNode uploadPart(EcrCall call) {
        EcrInput in = call.input();
        RepositoryName name = in.repositoryName();
        in.registryId(ctx.accountId());
        String uploadId = in.requiredString("uploadId");
        long first = in.requiredNumber("partFirstByte", 0, Long.MAX_VALUE);
        long last = in.requiredNumber("partLastByte", 0, Long.MAX_VALUE);
        byte[] part = blob(in);
        ctx.authorize(call, "UploadLayerPart", name);
        ctx.requireRepository(name);
        if (last < first || last - first + 1 != part.length) {
            throw EcrErrors.invalidLayerPart(uploadId, name, ctx.accountId(), received(name, uploadId),
                    "The part of " + part.length + " bytes does not span partFirstByte " + first + " to partLastByte "
                            + last);
        }
        try (InputStream bytes = new ByteArrayInputStream(part)) {
            UploadState state = ctx.blobs().append(name, uploadId, first, bytes);
            return AwsJson.object().put("registryId", ctx.accountId()).put("repositoryName", name.value())
                    .put("uploadId", uploadId).put("lastByteReceived", state.size() - 1);
        } catch (RangeNotSatisfiableException e) {
            throw EcrErrors.invalidLayerPart(uploadId, name, ctx.accountId(), e.current().size() - 1,
                    "The part starts at byte " + first + " but the upload has received " + e.current().size()
                            + " bytes; the next part must start at " + e.current().size());
        } catch (RegistryException e) {
            throw uploadError(e, uploadId, name);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] blob(EcrInput in) {
        String text = in.requiredString("layerPartBlob");
        try {
            byte[] part = Base64.getDecoder().decode(text);
            if (part.length > PART_SIZE) {
                throw EcrErrors.validation("layerPartBlob", null, "Member must have length less than or equal to "
                        + PART_SIZE);
            }
            return part;
        } catch (IllegalArgumentException e) {
            throw EcrErrors.of("SerializationException", "layerPartBlob is not valid base64");
        }
    }

    /** The last byte the upload holds (-1 when empty), for InvalidLayerPartException. */
    private long received(RepositoryName name, String uploadId) {
        try {
            return ctx.blobs().status(name, uploadId).size() - 1;
        } catch (RegistryException e) {
            throw uploadError(e, uploadId, name);
        }
    }

    private JsonNode complete(EcrCall call) {
        EcrInput in = call.input();
        RepositoryName name = in.repositoryName();
        in.registryId(ctx.accountId());
        String uploadId = in.requiredString("uploadId");
        List<JsonNode> digests = in.requiredList("layerDigests", 1, 100);
        ctx.authorize(call, "CompleteLayerUpload", name);
        ctx.requireRepository(name);
        String text = digests.getFirst().asText("");
        Digest digest;
        try {
            digest = Digest.parse(text);
        } catch (InvalidReferenceException e) {
            throw EcrErrors.invalidParameter("Invalid parameter at 'layerDigests' failed to satisfy constraint:"
                    + " 'must satisfy regular expression '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+''");
        }
        long size = received(name, uploadId) + 1;
        if (ctx.blobs().stat(name, digest).isPresent()) {
            ctx.blobs().cancel(name, uploadId);
            throw EcrErrors.layerAlreadyExists(text, name, ctx.accountId());
        }
        if (size == 0) {
            throw EcrErrors.of("EmptyUploadException", "The upload with id '" + uploadId + "' has no parts");
        }
        try {
            ctx.blobs().complete(name, uploadId, null, digest, InputStream.nullInputStream());
        } catch (RegistryException e) {
            if (e.error() == RegistryError.DIGEST_INVALID) {
                throw EcrErrors.of("InvalidLayerException", "The layer digest '" + text
                        + "' does not match the digest of the uploaded content");
            }
            throw uploadError(e, uploadId, name);
        }
        return AwsJson.object().put("registryId", ctx.accountId()).put("repositoryName", name.value())
                .put("uploadId", uploadId).put("layerDigest", text);
    }

    private JsonNode downloadUrl(EcrCall call) {
        EcrInput in = call.input();
        RepositoryName name = in.repositoryName();
        in.registryId(ctx.accountId());
        String text = in.requiredString("layerDigest");
        ctx.authorize(call, "GetDownloadUrlForLayer", name);
        ctx.requireRepository(name);
        Digest digest;
        try {
            digest = Digest.parse(text);
        } catch (InvalidReferenceException e) {
            throw EcrErrors.invalidParameter("Invalid parameter at 'layerDigest' failed to satisfy constraint:"
                    + " 'must satisfy regular expression '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+''");
        }
        if (ctx.blobs().stat(name, digest).isEmpty()) {
            throw EcrErrors.layersNotFound(List.of(text), name, ctx.accountId());
        }
        try {
            ctx.blobs().checkPull(name, digest);
        } catch (RegistryException e) {
            throw e.error() == RegistryError.DENIED ? EcrErrors.pullRefused(e.getMessage()) : e;
        }
        String token = ctx.tokens().signDownload(call.caller(), name.value(), digest.toString());
        return AwsJson.object().put("downloadUrl", ctx.publicUrl().get() + "/v2/" + name + "/blobs/" + digest + "?"
                + RegistryAccess.DOWNLOAD_TOKEN + "=" + token).put("layerDigest", text);
    }

    private RuntimeException uploadError(RegistryException e, String uploadId, RepositoryName name) {
        return e.error() == RegistryError.BLOB_UPLOAD_UNKNOWN
                ? EcrErrors.uploadNotFound(uploadId, name, ctx.accountId()) : e;
    }
}
