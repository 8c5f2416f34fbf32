package dev.berth.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A tiny HTTP client for black-box tests: every call is a real request over loopback. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final String base;
    private final String authorization;

    public Http(String base) {
        this(base, null);
    }

    private Http(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** The same client, sending HTTP Basic credentials on every request. */
    public Http withBasic(String user, String password) {
        return new Http(base, "Basic " + java.util.Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    public HttpResponse<byte[]> send(String method, String pathOrUrl, byte[] body, Map<String, String> headers) {
        URI uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
        if (authorization != null && !headers.containsKey("Authorization")) {
            b.header("Authorization", authorization);
        }
        headers.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<byte[]> get(String path) {
        return send("GET", path, null, Map.of());
    }

    public HttpResponse<byte[]> get(String path, Map<String, String> headers) {
        return send("GET", path, null, headers);
    }

    public HttpResponse<byte[]> head(String path) {
        return send("HEAD", path, null, Map.of());
    }

    public HttpResponse<byte[]> delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    public HttpResponse<byte[]> post(String path, byte[] body) {
        return send("POST", path, body, Map.of("Content-Type", "application/octet-stream"));
    }

    public HttpResponse<byte[]> put(String path, byte[] body, String contentType) {
        return send("PUT", path, body, Map.of("Content-Type", contentType));
    }

    public HttpResponse<byte[]> patch(String path, byte[] body, Map<String, String> headers) {
        return send("PATCH", path, body, headers);
    }

    public static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
