package dev.berth.cli.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.cli.image.ManifestContent;
import dev.berth.oci.Digest;
import dev.berth.oci.DigestAlgorithm;
import dev.berth.oci.MediaTypes;
import dev.berth.oci.Reference;
import dev.berth.oci.RepositoryName;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An OCI Distribution client for one registry: one method per endpoint, each turning a failure into a
 * {@link RegistryException} that says what to do next. Blob bodies are streamed both ways; only manifests are
 * read into memory (bounded by {@link ManifestContent#MAX_SIZE}). Thread-safe: the HTTP client runs on virtual
 * threads and may be shared by parallel transfers.
 */
public final class RegistryClient implements AutoCloseable {
    private static final String MANIFEST_ACCEPT = String.join(", ", MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST,
            MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.DOCKER_MANIFEST);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REDIRECTS = 5;

    private final RegistryEndpoint endpoint;
    private final ExecutorService executor;
    private final HttpClient http;
    private final Authenticator auth;

    public RegistryClient(RegistryEndpoint endpoint, CredentialStore credentials) {
        this.endpoint = endpoint;
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        // HTTP/1.1: the JDK would otherwise try an h2c upgrade on plain HTTP, which some registries mishandle.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(30)).build();
        this.auth = new Authenticator(http, endpoint, credentials);
    }

    public RegistryEndpoint endpoint() {
        return endpoint;
    }

    static List<String> pullScope(RepositoryName repository) {
        return List.of("repository:" + repository + ":pull");
    }

    static List<String> pushScope(RepositoryName repository) {
        return List.of("repository:" + repository + ":pull,push");
    }

    /** The blob's size when {@code repository} has it (HEAD). */
    public Optional<Long> blobSize(RepositoryName repository, Digest digest) {
        HttpResponse<byte[]> r = send(request("HEAD", blobUri(repository, digest)),
                pullScope(repository), "check for " + digest + " in " + repository);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        requireStatus(r, 200, "check for " + digest + " in " + repository);
        return Optional.of(r.headers().firstValueAsLong("Content-Length").orElse(-1));
    }

    /**
     * The blob's bytes from {@code offset} on (a {@code Range} request when not 0). The caller verifies them.
     * Redirects (to a CDN or object store) are followed without the registry's credentials, which are not theirs.
     */
    public InputStream openBlob(RepositoryName repository, Digest digest, long offset) {
        HttpRequest.Builder b = request("GET", blobUri(repository, digest));
        String range = "bytes=" + offset + "-";
        if (offset > 0) {
            b.header("Range", range);
        }
        String action = "download " + digest + " from " + repository;
        HttpResponse<InputStream> r = sendStreaming(b, pullScope(repository), action);
        for (int hops = 0; isRedirect(r.statusCode()) && hops < MAX_REDIRECTS; hops++) {
            int status = r.statusCode();
            URI next = r.uri().resolve(r.headers().firstValue("Location").orElseThrow(() -> new RegistryException(
                    RegistryException.Kind.INVALID, status, "cannot " + action + ": a redirect without Location")));
            drain(r.body());
            HttpRequest.Builder redirected = request("GET", next);
            if (offset > 0) {
                redirected.header("Range", range);
            }
            try {
                r = http.send(redirected.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw unreachable(endpoint, action + " (redirected to " + next.getHost() + ")", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException(RegistryException.Kind.OTHER, "interrupted", e);
            }
        }
        int expected = offset > 0 ? 206 : 200;
        if (r.statusCode() != expected) {
            byte[] body = drain(r.body());
            throw RegistryErrors.failure(r.statusCode(), body, action, auth.context());
        }
        return r.body();
    }

    public ManifestContent manifest(RepositoryName repository, Reference reference) {
        String action = "get the manifest " + repository + (reference instanceof Digest ? "@" : ":") + reference;
        HttpRequest.Builder b = request("GET", manifestUri(repository, reference)).header("Accept", MANIFEST_ACCEPT);
        HttpResponse<InputStream> r = sendStreaming(b, pullScope(repository), action);
        byte[] body;
        try (InputStream in = r.body()) {
            body = in.readNBytes(ManifestContent.MAX_SIZE + 1);
        } catch (IOException e) {
            throw unreachable(endpoint, action, e);
        }
        if (r.statusCode() != 200) {
            throw RegistryErrors.failure(r.statusCode(), body, action, auth.context());
        }
        if (body.length > ManifestContent.MAX_SIZE) {
            throw new RegistryException(RegistryException.Kind.INVALID, 200,
                    "cannot " + action + ": it is larger than " + ManifestContent.MAX_SIZE + " bytes");
        }
        Digest computed = Digest.compute(reference instanceof Digest d ? d.algorithm() : DigestAlgorithm.SHA256, body);
        if (reference instanceof Digest d && !d.equals(computed)) {
            throw new RegistryException(RegistryException.Kind.INVALID, 200,
                    "cannot " + action + ": the registry sent content whose digest is " + computed);
        }
        Optional<String> header = r.headers().firstValue("Docker-Content-Digest");
        if (header.isPresent() && header.get().startsWith(computed.algorithm().prefix() + ":")
                && !header.get().equals(computed.toString())) {
            throw new RegistryException(RegistryException.Kind.INVALID, 200, "cannot " + action
                    + ": the registry says its digest is " + header.get() + " but the content's is " + computed);
        }
        return new ManifestContent(mediaType(r.headers().firstValue("Content-Type").orElse(""), body), body, computed);
    }

    public void putManifest(RepositoryName repository, Reference reference, ManifestContent manifest) {
        HttpRequest.Builder b = HttpRequest.newBuilder(manifestUri(repository, reference)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", manifest.mediaType())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.bytes()));
        String action = "push the manifest " + manifest.digest() + " to " + repository
                + (reference instanceof Digest ? "" : ":" + reference);
        requireStatus(send(b, pushScope(repository), action), 201, action);
    }

    public Upload startUpload(RepositoryName repository) {
        String action = "start an upload to " + repository;
        HttpResponse<byte[]> r = send(request("POST", endpoint.resolve("/v2/" + repository + "/blobs/uploads/")),
                pushScope(repository), action);
        requireStatus(r, 202, action);
        return new Upload(location(r, action));
    }

    /**
     * Asks the registry to link {@code digest} from {@code from} into {@code repository} without sending bytes.
     * Empty when mounted; otherwise the upload session the registry opened instead (as the spec allows).
     */
    public Optional<Upload> mount(RepositoryName repository, Digest digest, RepositoryName from) {
        String action = "mount " + digest + " from " + from + " into " + repository;
        URI uri = endpoint.resolve("/v2/" + repository + "/blobs/uploads/?mount=" + digest + "&from=" + from);
        List<String> scopes = List.of("repository:" + repository + ":pull,push", "repository:" + from + ":pull");
        HttpResponse<byte[]> r = send(request("POST", uri), scopes, action);
        if (r.statusCode() == 201) {
            return Optional.empty();
        }
        requireStatus(r, 202, action);
        return Optional.of(new Upload(location(r, action)));
    }

    /**
     * Sends one chunk of {@code length} bytes at {@code offset} ({@code PATCH} with {@code Content-Range}).
     * A transport failure, or a failing {@code chunk} stream, is a {@link RegistryException.Kind#UNREACHABLE}:
     * the caller asks {@link #uploadedSize} where to resume.
     */
    public Upload patch(RepositoryName repository, Upload upload, long offset, InputStream chunk, long length) {
        String action = "upload to " + repository;
        HttpRequest.Builder b = HttpRequest.newBuilder(upload.location()).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/octet-stream")
                .header("Content-Range", offset + "-" + (offset + length - 1))
                .method("PATCH", streamed(chunk, length));
        HttpResponse<byte[]> r = send(b, pushScope(repository), action);
        requireStatus(r, 202, action);
        return new Upload(location(r, action));
    }

    /** How many bytes the session holds, from the {@code Range} of {@code GET <location>}: where to resume. */
    public long uploadedSize(RepositoryName repository, Upload upload) {
        String action = "ask for the state of the upload to " + repository;
        HttpResponse<byte[]> r = send(request("GET", upload.location()), pushScope(repository), action);
        requireStatus(r, 204, action);
        String range = r.headers().firstValue("Range").orElse("0-0");
        int dash = range.indexOf('-');
        try {
            long end = Long.parseLong(range.substring(dash + 1).trim());
            // "0-0" is what registries answer for an empty session: chunks are never one byte long, so it is 0.
            return end == 0 ? 0 : end + 1;
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new RegistryException(RegistryException.Kind.INVALID, 204,
                    "cannot " + action + ": the registry sent a malformed Range '" + range + "'");
        }
    }

    /** Ends an upload with its last {@code length} bytes (0 after chunks): {@code PUT <location>?digest=}. */
    public void complete(RepositoryName repository, Upload upload, Digest digest, InputStream rest, long length) {
        String action = "upload " + digest + " to " + repository;
        HttpRequest.Builder b = HttpRequest.newBuilder(upload.withDigest(digest.toString())).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/octet-stream")
                .PUT(length == 0 ? HttpRequest.BodyPublishers.noBody() : streamed(rest, length));
        requireStatus(send(b, pushScope(repository), action), 201, action);
    }

    /** Best effort: a session left behind expires on the registry anyway. */
    public void cancel(RepositoryName repository, Upload upload) {
        try {
            send(request("DELETE", upload.location()), pushScope(repository), "cancel an upload");
        } catch (RegistryException e) {
            // nothing to do: the registry reclaims abandoned sessions
        }
    }

    @Override
    public void close() {
        executor.shutdown();
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static HttpRequest.BodyPublisher streamed(InputStream in, long length) {
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> in), length);
    }

    private HttpRequest.Builder request(String method, URI uri) {
        return HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).method(method, HttpRequest.BodyPublishers.noBody());
    }

    private URI blobUri(RepositoryName repository, Digest digest) {
        return endpoint.resolve("/v2/" + repository + "/blobs/" + digest);
    }

    private URI manifestUri(RepositoryName repository, Reference reference) {
        return endpoint.resolve("/v2/" + repository + "/manifests/" + reference);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder b, List<String> scopes, String action) {
        return exchange(b, HttpResponse.BodyHandlers.ofByteArray(), scopes, action);
    }

    private HttpResponse<InputStream> sendStreaming(HttpRequest.Builder b, List<String> scopes, String action) {
        return exchange(b, HttpResponse.BodyHandlers.ofInputStream(), scopes, action);
    }

    /** Sends with the credentials the registry wants; a rejected cached token is refetched once for bodiless requests. */
    private <T> HttpResponse<T> exchange(HttpRequest.Builder b, HttpResponse.BodyHandler<T> handler,
            List<String> scopes, String action) {
        for (int attempt = 0; ; attempt++) {
            auth.authorization(scopes).ifPresent(value -> b.setHeader("Authorization", value));
            HttpRequest request = b.build();
            HttpResponse<T> response;
            try {
                response = http.send(request, handler);
            } catch (IOException e) {
                throw unreachable(endpoint, action, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException(RegistryException.Kind.OTHER, "interrupted", e);
            }
            if (response.statusCode() == 401 && attempt == 0 && auth.forget(scopes)) {
                if (response.body() instanceof InputStream in) {
                    drain(in);
                }
                boolean bodiless = request.bodyPublisher().map(p -> p.contentLength() == 0).orElse(true);
                if (bodiless) {
                    continue;
                }
                // a streamed body cannot be sent again from here: the caller resumes with a fresh token
                throw new RegistryException(RegistryException.Kind.TOKEN_EXPIRED, 401,
                        "cannot " + action + ": the registry no longer accepts its token");
            }
            return response;
        }
    }

    private void requireStatus(HttpResponse<byte[]> r, int expected, String action) {
        if (r.statusCode() != expected) {
            throw RegistryErrors.failure(r.statusCode(), r.body(), action, auth.context());
        }
    }

    private URI location(HttpResponse<byte[]> r, String action) {
        String location = r.headers().firstValue("Location").orElseThrow(() -> new RegistryException(
                RegistryException.Kind.INVALID, r.statusCode(), "cannot " + action + ": no Location in the answer"));
        return r.uri().resolve(location);
    }

    static RegistryException unreachable(RegistryEndpoint endpoint, String action, IOException e) {
        String hint = endpoint.plainHttp() ? "" : " (if the registry serves plain HTTP, add --plain-http)";
        return new RegistryException(RegistryException.Kind.UNREACHABLE,
                "cannot " + action + ": no answer from " + endpoint.base() + ": " + describe(e) + hint, e);
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }

    /** The content type names the kind of manifest; a generic one falls back to the body's own mediaType. */
    private static String mediaType(String contentType, byte[] body) {
        String essence = MediaTypes.essence(contentType);
        if (MediaTypes.isManifest(essence)) {
            return essence;
        }
        try {
            String declared = JSON.readTree(body).path("mediaType").asText("");
            if (!declared.isEmpty()) {
                return declared;
            }
        } catch (IOException e) {
            // not JSON: reported by whoever parses the manifest
        }
        return essence.isEmpty() ? MediaTypes.OCI_MANIFEST : essence;
    }

    private static byte[] drain(InputStream in) {
        try (in) {
            return in.readNBytes(64 * 1024);
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
