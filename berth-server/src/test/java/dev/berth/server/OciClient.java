package dev.berth.server;

import static dev.berth.server.Fixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The client side of the OCI push and pull workflows over plain HTTP, for system tests: pushes blobs the two ways
 * clients do (monolithic, or POST + PATCH chunks + PUT) and pulls images back, checking that every manifest and blob
 * hashes to the digest it is named by. Assertions fail with the response body. Thread-safe (stateless over
 * {@link Http}).
 */
final class OciClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Http http;

    OciClient(Http http) {
        this.http = http;
    }

    OciClient(String baseUrl) {
        this(new Http(baseUrl).withBasic(TestServer.ROOT_ACCESS_KEY_ID, TestServer.ROOT_SECRET));
    }

    Http http() {
        return http;
    }

    /** Pushes a blob in one request ({@code POST ?digest=}); returns its digest. */
    String pushMonolithic(String repo, byte[] blob) {
        String digest = sha256(blob);
        HttpResponse<byte[]> r = http.post("/v2/" + repo + "/blobs/uploads/?digest=" + digest, blob);
        assertThat(r.statusCode()).as("monolithic push of %s to %s: %s", digest, repo, Http.text(r)).isEqualTo(201);
        return digest;
    }

    /** Pushes a blob as POST, PATCHes of {@code chunkSize} with Content-Range, and an empty PUT ?digest=. */
    String pushChunked(String repo, byte[] blob, int chunkSize) {
        String location = startUpload(repo);
        for (int offset = 0; offset < blob.length; offset += chunkSize) {
            location = patch(location, blob, offset, Math.min(blob.length, offset + chunkSize));
        }
        return finishUpload(location, blob, blob.length);
    }

    /** POST an empty upload; returns its Location. */
    String startUpload(String repo) {
        HttpResponse<byte[]> r = http.post("/v2/" + repo + "/blobs/uploads/", null);
        assertThat(r.statusCode()).as("start upload in %s: %s", repo, Http.text(r)).isEqualTo(202);
        return r.headers().firstValue("Location").orElseThrow();
    }

    /** PATCHes {@code blob[from, to)} with its Content-Range; checks the 202 and Range; returns the next Location. */
    String patch(String location, byte[] blob, int from, int to) {
        HttpResponse<byte[]> r = http.patch(location, Arrays.copyOfRange(blob, from, to), Map.of(
                "Content-Range", from + "-" + (to - 1), "Content-Type", "application/octet-stream"));
        assertThat(r.statusCode()).as("PATCH %d-%d to %s: %s", from, to - 1, location, Http.text(r)).isEqualTo(202);
        assertThat(r.headers().firstValue("Range")).hasValue("0-" + (to - 1));
        return r.headers().firstValue("Location").orElseThrow();
    }

    /** PUT ?digest= with the bytes from {@code from} on (none if {@code from} is the length); returns the digest. */
    String finishUpload(String location, byte[] blob, int from) {
        String digest = sha256(blob);
        byte[] rest = Arrays.copyOfRange(blob, from, blob.length);
        Map<String, String> headers = rest.length == 0
                ? Map.of("Content-Type", "application/octet-stream")
                : Map.of("Content-Type", "application/octet-stream",
                        "Content-Range", from + "-" + (blob.length - 1));
        HttpResponse<byte[]> r = http.send("PUT", withQuery(location, "digest=" + digest), rest, headers);
        assertThat(r.statusCode()).as("PUT %s: %s", location, Http.text(r)).isEqualTo(201);
        assertThat(r.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
        return digest;
    }

    /** Pushes a manifest under a tag or digest; returns the digest the registry reports (checked against ours). */
    String pushManifest(String repo, String reference, byte[] manifest, String mediaType) {
        HttpResponse<byte[]> r = http.put("/v2/" + repo + "/manifests/" + reference, manifest, mediaType);
        assertThat(r.statusCode()).as("PUT manifest %s:%s: %s", repo, reference, Http.text(r)).isEqualTo(201);
        assertThat(r.headers().firstValue("Docker-Content-Digest")).hasValue(sha256(manifest));
        return sha256(manifest);
    }

    /** The manifest's exact bytes; checks the status and that the bytes hash to Docker-Content-Digest. */
    byte[] manifest(String repo, String reference) {
        HttpResponse<byte[]> r = http.get("/v2/" + repo + "/manifests/" + reference);
        assertThat(r.statusCode()).as("GET manifest %s:%s: %s", repo, reference, Http.text(r)).isEqualTo(200);
        assertThat(r.headers().firstValue("Docker-Content-Digest")).hasValue(sha256(r.body()));
        if (reference.contains(":")) {
            assertThat(sha256(r.body())).as("manifest fetched by digest").isEqualTo(reference);
        }
        return r.body();
    }

    /** The blob's bytes; checks that they hash to the digest and have the size the referrer gave. */
    byte[] blob(String repo, String digest, long size) {
        HttpResponse<byte[]> r = http.get("/v2/" + repo + "/blobs/" + digest);
        assertThat(r.statusCode()).as("GET blob %s in %s: %s", digest, repo, Http.text(r)).isEqualTo(200);
        assertThat(sha256(r.body())).as("bytes of blob %s in %s", digest, repo).isEqualTo(digest);
        assertThat((long) r.body().length).as("size of blob %s", digest).isEqualTo(size);
        return r.body();
    }

    /**
     * Pulls an image (a manifest, or an index and every manifest under it) with all its blobs, checking every
     * digest and size on the way; returns the digests of everything pulled, the top manifest first.
     */
    Set<String> pullVerified(String repo, String reference) {
        byte[] bytes = manifest(repo, reference);
        Set<String> pulled = new LinkedHashSet<>();
        pulled.add(sha256(bytes));
        JsonNode root = json(bytes);
        if (root.has("manifests")) {
            for (JsonNode child : root.get("manifests")) {
                String digest = child.get("digest").asText();
                assertThat((long) manifest(repo, digest).length).isEqualTo(child.get("size").asLong());
                pulled.addAll(pullVerified(repo, digest));
            }
            return pulled;
        }
        for (JsonNode d : descriptors(root)) {
            String digest = d.get("digest").asText();
            blob(repo, digest, d.get("size").asLong());
            pulled.add(digest);
        }
        return pulled;
    }

    /** The repository's tags (no pagination). */
    List<String> tags(String repo) {
        HttpResponse<byte[]> r = http.get("/v2/" + repo + "/tags/list");
        assertThat(r.statusCode()).as("tags of %s: %s", repo, Http.text(r)).isEqualTo(200);
        return ManifestApiTest.strings(json(r.body()).get("tags"));
    }

    /** The config and layer descriptors of an image manifest. */
    static List<JsonNode> descriptors(JsonNode manifest) {
        List<JsonNode> out = new java.util.ArrayList<>();
        out.add(manifest.get("config"));
        manifest.get("layers").forEach(out::add);
        return out;
    }

    static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String withQuery(String location, String query) {
        return location + (location.contains("?") ? "&" : "?") + query;
    }
}
