package dev.berth.server;

import static dev.berth.server.Fixtures.bytes;
import static dev.berth.server.Fixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Blob and upload endpoints of the OCI Distribution API, over real HTTP. */
class BlobApiTest {
    static TestServer server;
    static Http http;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = server.http();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void baseAnswersWithApiVersion() {
        var r = http.get("/v2/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Docker-Distribution-API-Version")).hasValue("registry/2.0");
    }

    @Test
    void monolithicPushThenPullAndHead() {
        byte[] blob = bytes(100_000, 1);
        var put = http.post("/v2/acme/mono/blobs/uploads/?digest=" + sha256(blob), blob);
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(put.headers().firstValue("Location")).hasValue("/v2/acme/mono/blobs/" + sha256(blob));
        assertThat(put.headers().firstValue("Docker-Content-Digest")).hasValue(sha256(blob));

        var get = http.get("/v2/acme/mono/blobs/" + sha256(blob));
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(blob);
        assertThat(get.headers().firstValue("Docker-Content-Digest")).hasValue(sha256(blob));

        var head = http.head("/v2/acme/mono/blobs/" + sha256(blob));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue("100000");
        assertThat(head.body()).isEmpty();
    }

    @Test
    void postThenPutUpload() {
        byte[] blob = bytes(5000, 2);
        var post = http.post("/v2/acme/postput/blobs/uploads/", null);
        assertThat(post.statusCode()).isEqualTo(202);
        String location = post.headers().firstValue("Location").orElseThrow();
        assertThat(post.headers().firstValue("Docker-Upload-UUID")).isPresent();
        var put = http.put(location + "?digest=" + sha256(blob), blob, "application/octet-stream");
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(http.get("/v2/acme/postput/blobs/" + sha256(blob)).body()).isEqualTo(blob);
    }

    @Test
    void chunkedUploadWithStatusAndOutOfOrderChunk() {
        byte[] blob = bytes(30_000, 3);
        String location = http.post("/v2/acme/chunked/blobs/uploads/", null).headers().firstValue("Location").orElseThrow();
        var first = http.patch(location, slice(blob, 0, 10_000), Map.of("Content-Range", "0-9999",
                "Content-Type", "application/octet-stream"));
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.headers().firstValue("Range")).hasValue("0-9999");
        location = first.headers().firstValue("Location").orElseThrow();

        // Repeating the first chunk, or skipping ahead, is refused with the current range.
        var repeated = http.patch(location, slice(blob, 0, 10_000), Map.of("Content-Range", "0-9999"));
        assertThat(repeated.statusCode()).isEqualTo(416);
        assertThat(repeated.headers().firstValue("Range")).hasValue("0-9999");
        var skipped = http.patch(location, slice(blob, 20_000, 30_000), Map.of("Content-Range", "20000-29999"));
        assertThat(skipped.statusCode()).isEqualTo(416);

        var status = http.get(location);
        assertThat(status.statusCode()).isEqualTo(204);
        assertThat(status.headers().firstValue("Range")).hasValue("0-9999");
        assertThat(status.headers().firstValue("Location")).isPresent();

        var second = http.patch(location, slice(blob, 10_000, 20_000), Map.of("Content-Range", "10000-19999"));
        assertThat(second.statusCode()).isEqualTo(202);
        var last = http.send("PUT", location + "?digest=" + sha256(blob), slice(blob, 20_000, 30_000),
                Map.of("Content-Range", "20000-29999", "Content-Type", "application/octet-stream"));
        assertThat(last.statusCode()).isEqualTo(201);
        assertThat(http.get("/v2/acme/chunked/blobs/" + sha256(blob)).body()).isEqualTo(blob);
    }

    @Test
    void streamedPatchWithoutContentRange() {
        byte[] blob = bytes(70_000, 4);
        String location = http.post("/v2/acme/streamed/blobs/uploads/", null).headers().firstValue("Location").orElseThrow();
        var patch = http.patch(location, blob, Map.of("Content-Type", "application/octet-stream"));
        assertThat(patch.statusCode()).isEqualTo(202);
        assertThat(patch.headers().firstValue("Range")).hasValue("0-69999");
        var put = http.put(patch.headers().firstValue("Location").orElseThrow() + "?digest=" + sha256(blob), null,
                "application/octet-stream");
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(http.get("/v2/acme/streamed/blobs/" + sha256(blob)).body()).isEqualTo(blob);
    }

    @Test
    void chunkShorterThanItsContentRangeIsRefusedAndRolledBack() throws Exception {
        byte[] blob = bytes(3000, 11);
        String location = http.post("/v2/acme/short/blobs/uploads/", null).headers().firstValue("Location").orElseThrow();
        location = http.patch(location, slice(blob, 0, 1000), Map.of("Content-Range", "0-999"))
                .headers().firstValue("Location").orElseThrow();
        // A chunked body (no Content-Length) that ends 500 bytes before the end its Content-Range declares.
        var request = java.net.http.HttpRequest.newBuilder(server.uri(location))
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(slice(blob, 1000, 2500))))
                .header("Content-Range", "1000-2999")
                .header("Authorization", TestServer.rootAuthorization())
                .build();
        var shortChunk = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertError(shortChunk, 400, "BLOB_UPLOAD_INVALID");

        var status = http.get(location);
        assertThat(status.statusCode()).isEqualTo(204);
        assertThat(status.headers().firstValue("Range")).hasValue("0-999");
        var last = http.send("PUT", location + "?digest=" + sha256(blob), slice(blob, 1000, 3000),
                Map.of("Content-Range", "1000-2999"));
        assertThat(last.statusCode()).isEqualTo(201);
    }

    @Test
    void digestMismatchIsRefusedAndNothingRemains() {
        byte[] blob = bytes(1000, 5);
        String wrong = sha256(bytes(1000, 6));
        var r = http.post("/v2/acme/mismatch/blobs/uploads/?digest=" + wrong, blob);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Http.text(r)).contains("DIGEST_INVALID");
        assertThat(http.head("/v2/acme/mismatch/blobs/" + wrong).statusCode()).isEqualTo(404);
        assertThat(http.head("/v2/acme/mismatch/blobs/" + sha256(blob)).statusCode()).isEqualTo(404);
    }

    @Test
    void sha512Blobs() {
        byte[] blob = bytes(2000, 7);
        String digest = dev.berth.oci.Digest.compute(dev.berth.oci.DigestAlgorithm.SHA512, blob).toString();
        assertThat(http.post("/v2/acme/sha512/blobs/uploads/?digest=" + digest, blob).statusCode()).isEqualTo(201);
        var get = http.get("/v2/acme/sha512/blobs/" + digest);
        assertThat(get.body()).isEqualTo(blob);
        assertThat(get.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
    }

    @Test
    void rangeRequests() {
        byte[] blob = bytes(4096, 8);
        http.post("/v2/acme/range/blobs/uploads/?digest=" + sha256(blob), blob);
        var part = http.get("/v2/acme/range/blobs/" + sha256(blob), Map.of("Range", "bytes=100-199"));
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(slice(blob, 100, 200));
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 100-199/4096");
        var suffix = http.get("/v2/acme/range/blobs/" + sha256(blob), Map.of("Range", "bytes=-10"));
        assertThat(suffix.body()).isEqualTo(slice(blob, 4086, 4096));
        var beyond = http.get("/v2/acme/range/blobs/" + sha256(blob), Map.of("Range", "bytes=5000-"));
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */4096");
    }

    @Test
    void crossRepositoryMountAndNoLeaks() {
        byte[] blob = bytes(3000, 9);
        http.post("/v2/acme/source/blobs/uploads/?digest=" + sha256(blob), blob);
        // Not visible in another repository until mounted or pushed there.
        assertThat(http.head("/v2/acme/target/blobs/" + sha256(blob)).statusCode()).isEqualTo(404);
        var mount = http.post("/v2/acme/target/blobs/uploads/?mount=" + sha256(blob) + "&from=acme/source", null);
        assertThat(mount.statusCode()).isEqualTo(201);
        assertThat(mount.headers().firstValue("Location")).hasValue("/v2/acme/target/blobs/" + sha256(blob));
        assertThat(http.get("/v2/acme/target/blobs/" + sha256(blob)).body()).isEqualTo(blob);
        // Mounting from a repository that lacks the blob falls back to a new upload session.
        var fallback = http.post("/v2/acme/target2/blobs/uploads/?mount=" + sha256(blob) + "&from=acme/nothing", null);
        assertThat(fallback.statusCode()).isEqualTo(202);
        assertThat(fallback.headers().firstValue("Location").orElseThrow()).startsWith("/v2/acme/target2/blobs/uploads/");
    }

    @Test
    void deleteBlobAndUpload() {
        byte[] blob = bytes(100, 10);
        http.post("/v2/acme/del/blobs/uploads/?digest=" + sha256(blob), blob);
        assertThat(http.delete("/v2/acme/del/blobs/" + sha256(blob)).statusCode()).isEqualTo(202);
        assertThat(http.head("/v2/acme/del/blobs/" + sha256(blob)).statusCode()).isEqualTo(404);
        assertThat(http.delete("/v2/acme/del/blobs/" + sha256(blob)).statusCode()).isEqualTo(404);

        String location = http.post("/v2/acme/del/blobs/uploads/", null).headers().firstValue("Location").orElseThrow();
        assertThat(http.delete(location).statusCode()).isEqualTo(204);
        var gone = http.get(location);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(Http.text(gone)).contains("BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void malformedInputGetsSpecErrors() {
        assertError(http.get("/v2/acme/x/blobs/sha256:nothex"), 400, "DIGEST_INVALID");
        assertError(http.get("/v2/acme/x/blobs/md5:d41d8cd98f00b204e9800998ecf8427e"), 400, "DIGEST_INVALID");
        assertError(http.get("/v2/Bad_Name/blobs/" + sha256(new byte[0])), 400, "NAME_INVALID");
        assertError(http.get("/v2/acme/x/blobs/uploads/not-an-upload"), 404, "BLOB_UPLOAD_UNKNOWN");
        assertThat(http.get("/v2/acme/x/blobs/uploads/..%2F..%2Fetc").statusCode()).isBetween(400, 404);
        assertError(http.get("/v2/acme/x/blobs/" + sha256(new byte[]{1})), 404, "BLOB_UNKNOWN");
        String location = http.post("/v2/acme/x/blobs/uploads/", null).headers().firstValue("Location").orElseThrow();
        assertError(http.put(location, new byte[0], "application/octet-stream"), 400, "DIGEST_INVALID");
        assertError(http.patch(location, new byte[10], Map.of("Content-Range", "bogus")), 400, "BLOB_UPLOAD_INVALID");
        assertThat(http.send("POST", "/v2/acme/x/tags/list", null, Map.of()).statusCode()).isEqualTo(405);
    }

    static void assertError(HttpResponse<byte[]> r, int status, String code) {
        assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(status);
        assertThat(Http.text(r)).contains("\"code\":\"" + code + "\"");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, to);
    }
}
