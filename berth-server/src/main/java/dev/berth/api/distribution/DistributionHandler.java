package dev.berth.api.distribution;

import dev.berth.api.audit.ApiAudit;
import dev.berth.api.http.Exchange;
import dev.berth.oci.Digest;
import dev.berth.oci.InvalidReferenceException;
import dev.berth.oci.Reference;
import dev.berth.oci.RepositoryName;
import dev.berth.registry.BlobService;
import dev.berth.registry.ManifestService;
import dev.berth.registry.RangeNotSatisfiableException;
import dev.berth.registry.RegistryError;
import dev.berth.registry.RegistryException;
import dev.berth.registry.RepositoryGate;
import dev.berth.auth.Principal;
import java.io.EOFException;
import java.util.List;
import java.util.Map;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OCI Distribution API edge: resolves the route, parses path values into domain types, calls the endpoint
 * and turns every refusal into the spec's error envelope. A 5xx never carries an internal message.
 */
public final class DistributionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DistributionHandler.class);

    private final BlobEndpoints blobs;
    private final ManifestEndpoints manifests;
    private final RegistryAccess access;
    private final RepositoryGate gate;
    private final ApiAudit audit;

    /**
     * @param gate says whether a push's repository exists; when it does not, the caller must be allowed
     *     {@code ecr:CreateRepository} (and create-on-push be on) for the push to create it. Null skips the check.
     */
    public DistributionHandler(BlobService blobService, ManifestService manifestService, RegistryAccess access,
                               RepositoryGate gate, ApiAudit audit) {
        this.blobs = new BlobEndpoints(blobService);
        this.manifests = new ManifestEndpoints(manifestService);
        this.access = access;
        this.gate = gate;
        this.audit = audit;
    }

    /** Handles a request under {@code /v2}; always completes the response. */
    public void handle(Exchange ex) throws IOException {
        ex.header("Docker-Distribution-API-Version", "registry/2.0");
        Optional<Route> route = Route.resolve(ex.method(), ex.path());
        try {
            if (route.isEmpty()) {
                if (Route.isRegistryPath(ex.path())) {
                    OciErrors.send(ex, RegistryError.UNSUPPORTED, "method " + ex.method() + " is not allowed here", null);
                } else {
                    OciErrors.send(ex, 404, RegistryError.NAME_UNKNOWN, "no such endpoint", null);
                }
                return;
            }
            Principal caller = access == null ? null : authenticate(ex, route.get());
            boolean mountAllowed = access == null || authorize(ex, route.get(), caller);
            dispatch(ex, route.get(), mountAllowed);
            audit(ex, route.get(), caller);
        } catch (RangeNotSatisfiableException e) {
            BlobEndpoints.uploadHeaders(ex, e.current());
            OciErrors.send(ex, RegistryError.RANGE_INVALID, e.getMessage(), null);
        } catch (ManifestEndpoints.PayloadTooLargeException e) {
            OciErrors.send(ex, 413, e.error(), e.getMessage(), null);
        } catch (ManifestEndpoints.InvalidQueryException e) {
            OciErrors.send(ex, 400, e.error(), e.getMessage(), null);
        } catch (RegistryException e) {
            if (e.error() == RegistryError.UNAUTHORIZED) {
                ex.header("WWW-Authenticate", "Basic realm=\"Berth\"");
            }
            if (declaresBody(ex)) {
                // Refused before its body was read (401/403 come from authorization): the server will not drain
                // it, so say the connection ends here rather than let the client reuse a connection about to close.
                ex.header("Connection", "close");
            }
            OciErrors.send(ex, e.error(), e.getMessage(), e.detail());
        } catch (InvalidReferenceException e) {
            OciErrors.send(ex, invalidReferenceError(e), e.getMessage(), null);
        } catch (RuntimeException | IOException e) {
            if (endedEarly(e)) {
                // The client went away or sent less than it declared; storage already rolled the chunk back.
                if (!ex.isCommitted()) {
                    OciErrors.send(ex, RegistryError.BLOB_UPLOAD_INVALID, "request body ended early", null);
                }
                return;
            }
            if (ex.isCommitted()) {
                throw e;
            }
            LOG.error("{} {} failed", ex.method(), ex.path(), e);
            ex.header("Connection", "close");
            OciErrors.send(ex, RegistryError.UNKNOWN, "internal server error", null);
        }
    }

    /**
     * Authenticates the caller and authorizes the operation as the ECR action it amounts to. Returns whether a
     * requested cross-repository mount may read its source (if not, the push falls back to an upload).
     */
    private Principal authenticate(Exchange ex, Route route) {
        return route.operation() == Operation.BLOB_GET && ex.header("Authorization") == null
                && ex.query(RegistryAccess.DOWNLOAD_TOKEN) != null
                ? access.authenticateDownload(ex, route.name(), route.argument()) : access.authenticate(ex);
    }

    /** Records the calls that changed the registry, once they succeeded. */
    private void audit(Exchange ex, Route route, Principal caller) {
        if (ex.responseStatus() / 100 != 2) {
            return;
        }
        switch (route.operation()) {
            case MANIFEST_PUT -> audit.registryCall(caller, "ecr:PutImage", route.name(), target(ex, route),
                    ex.remoteAddress());
            case MANIFEST_DELETE -> audit.registryCall(caller, "ecr:BatchDeleteImage", route.name(), route.argument(),
                    ex.remoteAddress());
            case BLOB_DELETE -> audit.registryCall(caller, "registry:DeleteBlob", route.name(), route.argument(),
                    ex.remoteAddress());
            default -> { }
        }
    }

    /** "tag@digest" for a push by tag, the digest for a push by digest. */
    private static String target(Exchange ex, Route route) {
        String digest = ex.responseHeaders().get("Docker-Content-Digest");
        return route.argument().indexOf(':') < 0 && digest != null ? route.argument() + "@" + digest : route.argument();
    }

    private boolean authorize(Exchange ex, Route route, Principal caller) {
        String repo = route.name();
        String ip = ex.remoteAddress();
        Map<String, List<String>> keys = Map.of();
        String action = switch (route.operation()) {
            case BASE -> null;
            case CATALOG -> "ecr:DescribeRepositories";
            case BLOB_GET -> "ecr:GetDownloadUrlForLayer";
            case BLOB_HEAD -> "ecr:BatchCheckLayerAvailability";
            case BLOB_DELETE, MANIFEST_DELETE -> "ecr:BatchDeleteImage";
            case UPLOAD_START -> "ecr:InitiateLayerUpload";
            case UPLOAD_STATUS, UPLOAD_CHUNK, UPLOAD_CANCEL -> "ecr:UploadLayerPart";
            case UPLOAD_COMPLETE -> "ecr:CompleteLayerUpload";
            case MANIFEST_GET, MANIFEST_HEAD, REFERRERS -> "ecr:BatchGetImage";
            case TAGS_LIST -> "ecr:ListImages";
            case MANIFEST_PUT -> "ecr:PutImage";
        };
        if (route.operation() == Operation.MANIFEST_PUT && route.argument() != null
                && route.argument().indexOf(':') < 0) {
            keys = Map.of("ecr:ImageTag", List.of(route.argument()));
        }
        if (action != null) {
            access.authorize(caller, action, repo, keys, ip);
        }
        if (gate != null && (route.operation() == Operation.UPLOAD_START || route.operation() == Operation.MANIFEST_PUT)
                && !gate.exists(route.repository())) {
            access.authorizeCreateOnPush(caller, repo, gate.createsOnPush(), ip);
        }
        String from = ex.query("from");
        if (route.operation() == Operation.UPLOAD_START && ex.query("mount") != null && from != null) {
            return access.allowed(caller, "ecr:GetDownloadUrlForLayer", from, Map.of(), ip);
        }
        return true;
    }

    private void dispatch(Exchange ex, Route route, boolean mountAllowed) throws IOException {
        switch (route.operation()) {
            case BASE -> ex.send(200, "application/json", "{}".getBytes());
            case CATALOG -> manifests.catalog(ex);
            case BLOB_GET -> blobs.get(ex, route.repository(), Digest.parse(route.argument()));
            case BLOB_HEAD -> blobs.head(ex, route.repository(), Digest.parse(route.argument()));
            case BLOB_DELETE -> blobs.delete(ex, route.repository(), Digest.parse(route.argument()));
            case UPLOAD_START -> blobs.start(ex, route.repository(), mountAllowed);
            case UPLOAD_STATUS -> blobs.status(ex, route.repository(), route.argument());
            case UPLOAD_CHUNK -> blobs.patch(ex, route.repository(), route.argument());
            case UPLOAD_COMPLETE -> blobs.complete(ex, route.repository(), route.argument());
            case UPLOAD_CANCEL -> blobs.cancel(ex, route.repository(), route.argument());
            case MANIFEST_GET, MANIFEST_HEAD -> manifests.get(ex, route.repository(), existingReference(route));
            case MANIFEST_PUT -> manifests.put(ex, route.repository(), Reference.parse(route.argument()));
            case MANIFEST_DELETE -> manifests.delete(ex, route.repository(), existingReference(route));
            case TAGS_LIST -> manifests.tags(ex, route.repository());
            case REFERRERS -> manifests.referrers(ex, route.repository(), Digest.parse(route.argument()));
        }
    }

    private static boolean declaresBody(Exchange ex) {
        return ex.contentLength() > 0 || ex.header("Transfer-Encoding") != null;
    }

    /**
     * Whether the request body ended before its declared end: an {@link EOFException}, also when a service wrapped
     * it in an {@link UncheckedIOException} (services declare no checked exceptions).
     */
    private static boolean endedEarly(Exception e) {
        return e instanceof EOFException
                || (e instanceof UncheckedIOException u && u.getCause() instanceof EOFException);
    }

    /**
     * A reference to look up: a string that cannot be a tag names no manifest, so it is MANIFEST_UNKNOWN (404)
     * rather than a malformed request — what clients and the conformance suite expect.
     */
    private static Reference existingReference(Route route) {
        try {
            return Reference.parse(route.argument());
        } catch (InvalidReferenceException e) {
            if (e.kind().equals("tag")) {
                throw new RegistryException(RegistryError.MANIFEST_UNKNOWN, "manifest unknown to registry",
                        route.argument());
            }
            throw e;
        }
    }

    private static RegistryError invalidReferenceError(InvalidReferenceException e) {
        return switch (e.kind()) {
            case "name" -> RegistryError.NAME_INVALID;
            case "tag" -> RegistryError.TAG_INVALID;
            default -> RegistryError.DIGEST_INVALID;
        };
    }
}
