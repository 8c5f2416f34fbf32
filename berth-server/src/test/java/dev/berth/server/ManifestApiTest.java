package dev.berth.server;

import static dev.berth.server.BlobApiTest.assertError;
import static dev.berth.server.Fixtures.OCI_INDEX;
import static dev.berth.server.Fixtures.OCI_MANIFEST;
import static dev.berth.server.Fixtures.bytes;
import static dev.berth.server.Fixtures.descriptor;
import static dev.berth.server.Fixtures.manifest;
import static dev.berth.server.Fixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Manifests, tags, catalog and referrers over real HTTP. */
class ManifestApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
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

    /** Pushes config + layer into the repository and returns an image manifest over them. */
    static byte[] image(String repo, long seed) {
        byte[] config = ("{\"seed\":" + seed + "}").getBytes(StandardCharsets.UTF_8);
        byte[] layer = bytes(2048, seed);
        pushBlob(repo, config);
        pushBlob(repo, layer);
        return manifest(config, null, null, layer);
    }

    static void pushBlob(String repo, byte[] blob) {
        assertThat(http.post("/v2/" + repo + "/blobs/uploads/?digest=" + sha256(blob), blob).statusCode()).isEqualTo(201);
    }

    @Test
    void putByTagGetByTagAndDigestByteForByte() {
        byte[] m = image("acme/app", 1);
        var put = http.put("/v2/acme/app/manifests/v1", m, OCI_MANIFEST);
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(put.headers().firstValue("Docker-Content-Digest")).hasValue(sha256(m));
        assertThat(put.headers().firstValue("Location")).hasValue("/v2/acme/app/manifests/" + sha256(m));

        for (String ref : List.of("v1", sha256(m))) {
            var get = http.get("/v2/acme/app/manifests/" + ref);
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.body()).isEqualTo(m);
            assertThat(get.headers().firstValue("Content-Type")).hasValue(OCI_MANIFEST);
            assertThat(get.headers().firstValue("Docker-Content-Digest")).hasValue(sha256(m));
            var head = http.head("/v2/acme/app/manifests/" + ref);
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(m.length));
        }
    }

    @Test
    void putByDigestMustMatch() {
        byte[] m = image("acme/bydigest", 2);
        assertThat(http.put("/v2/acme/bydigest/manifests/" + sha256(m), m, OCI_MANIFEST).statusCode()).isEqualTo(201);
        assertError(http.put("/v2/acme/bydigest/manifests/" + sha256(new byte[]{9}), m, OCI_MANIFEST), 400, "DIGEST_INVALID");
    }

    @Test
    void referencedBlobsMustBeInTheRepository() {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] layer = bytes(100, 3);
        pushBlob("acme/elsewhere", config);
        pushBlob("acme/elsewhere", layer);
        byte[] m = manifest(config, null, null, layer);
        // The blobs exist in the registry, but not in this repository.
        assertError(http.put("/v2/acme/missing/manifests/latest", m, OCI_MANIFEST), 404, "MANIFEST_BLOB_UNKNOWN");
        assertError(http.get("/v2/acme/missing/manifests/latest"), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void indexChildrenMustExist() {
        byte[] child = image("acme/multi", 4);
        byte[] index = Fixtures.index(child);
        assertError(http.put("/v2/acme/multi/manifests/latest", index, OCI_INDEX), 404, "MANIFEST_BLOB_UNKNOWN");
        assertThat(http.put("/v2/acme/multi/manifests/" + sha256(child), child, OCI_MANIFEST).statusCode()).isEqualTo(201);
        assertThat(http.put("/v2/acme/multi/manifests/latest", index, OCI_INDEX).statusCode()).isEqualTo(201);
        assertThat(http.get("/v2/acme/multi/manifests/latest").headers().firstValue("Content-Type")).hasValue(OCI_INDEX);
    }

    @Test
    void invalidManifestsAreRefused() {
        assertError(http.put("/v2/acme/bad/manifests/x", "not json".getBytes(), OCI_MANIFEST), 400, "MANIFEST_INVALID");
        byte[] schema1 = "{\"schemaVersion\":1,\"name\":\"acme/bad\",\"tag\":\"x\",\"fsLayers\":[]}".getBytes();
        var r = http.put("/v2/acme/bad/manifests/x", schema1, "application/vnd.docker.distribution.manifest.v1+prettyjws");
        assertError(r, 400, "MANIFEST_INVALID");
        assertThat(Http.text(r)).contains("schema 1");
        byte[] huge = new byte[4 * 1024 * 1024 + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        assertThat(http.put("/v2/acme/bad/manifests/x", huge, OCI_MANIFEST).statusCode()).isEqualTo(413);
        assertError(http.put("/v2/acme/bad/manifests/-bad-tag", "{}".getBytes(), OCI_MANIFEST), 400, "TAG_INVALID");
    }

    @Test
    void deleteTagKeepsManifestAndDeleteByDigestRemovesIt() {
        byte[] m = image("acme/deletes", 5);
        http.put("/v2/acme/deletes/manifests/a", m, OCI_MANIFEST);
        http.put("/v2/acme/deletes/manifests/b", m, OCI_MANIFEST);
        assertThat(http.delete("/v2/acme/deletes/manifests/a").statusCode()).isEqualTo(202);
        assertThat(http.get("/v2/acme/deletes/manifests/a").statusCode()).isEqualTo(404);
        assertThat(http.get("/v2/acme/deletes/manifests/b").statusCode()).isEqualTo(200);
        assertThat(http.delete("/v2/acme/deletes/manifests/" + sha256(m)).statusCode()).isEqualTo(202);
        assertError(http.get("/v2/acme/deletes/manifests/b"), 404, "MANIFEST_UNKNOWN");
        assertError(http.get("/v2/acme/deletes/manifests/" + sha256(m)), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void tagListPaginatesInLexicalOrderWithLink() throws Exception {
        byte[] m = image("acme/tags", 6);
        List<String> tags = List.of("b", "a", "c10", "c2", "latest", "v1.0.0");
        for (String t : tags) {
            assertThat(http.put("/v2/acme/tags/manifests/" + t, m, OCI_MANIFEST).statusCode()).isEqualTo(201);
        }
        JsonNode all = JSON.readTree(http.get("/v2/acme/tags/tags/list").body());
        assertThat(all.get("name").asText()).isEqualTo("acme/tags");
        assertThat(strings(all.get("tags"))).containsExactly("a", "b", "c10", "c2", "latest", "v1.0.0");

        var page1 = http.get("/v2/acme/tags/tags/list?n=2");
        assertThat(strings(JSON.readTree(page1.body()).get("tags"))).containsExactly("a", "b");
        String link = page1.headers().firstValue("Link").orElseThrow();
        assertThat(link).isEqualTo("</v2/acme/tags/tags/list?n=2&last=b>; rel=\"next\"");
        var page2 = http.get(link.substring(1, link.indexOf('>')));
        assertThat(strings(JSON.readTree(page2.body()).get("tags"))).containsExactly("c10", "c2");
        var lastPage = http.get("/v2/acme/tags/tags/list?n=10&last=c2");
        assertThat(strings(JSON.readTree(lastPage.body()).get("tags"))).containsExactly("latest", "v1.0.0");
        assertThat(lastPage.headers().firstValue("Link")).isEmpty();
        assertThat(strings(JSON.readTree(http.get("/v2/acme/tags/tags/list?n=0").body()).get("tags"))).isEmpty();
        assertError(http.get("/v2/acme/never-pushed/tags/list"), 404, "NAME_UNKNOWN");
    }

    @Test
    void catalogPaginates() throws Exception {
        try (TestServer own = TestServer.start()) {
            Http h = own.http();
            for (String repo : List.of("zeta/one", "alpha/one", "mid/two")) {
                byte[] b = repo.getBytes();
                h.post("/v2/" + repo + "/blobs/uploads/?digest=" + sha256(b), b);
            }
            assertThat(strings(JSON.readTree(h.get("/v2/_catalog").body()).get("repositories")))
                    .containsExactly("alpha/one", "mid/two", "zeta/one");
            var first = h.get("/v2/_catalog?n=1");
            assertThat(strings(JSON.readTree(first.body()).get("repositories"))).containsExactly("alpha/one");
            assertThat(first.headers().firstValue("Link")).hasValue("</v2/_catalog?n=1&last=alpha%2Fone>; rel=\"next\"");
            assertThat(strings(JSON.readTree(h.get("/v2/_catalog?n=5&last=alpha/one").body()).get("repositories")))
                    .containsExactly("mid/two", "zeta/one");
        }
    }

    @Test
    void referrersWithSubjectAndArtifactTypeFilter() throws Exception {
        byte[] subject = image("acme/refs", 7);
        http.put("/v2/acme/refs/manifests/v1", subject, OCI_MANIFEST);
        String subjectDescriptor = descriptor(OCI_MANIFEST, subject);
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        pushBlob("acme/refs", empty);
        byte[] sbomLayer = bytes(300, 70);
        byte[] sigLayer = bytes(300, 71);
        pushBlob("acme/refs", sbomLayer);
        pushBlob("acme/refs", sigLayer);
        byte[] sbom = manifest(empty, "application/vnd.example.sbom", subjectDescriptor, sbomLayer);
        byte[] sig = manifest(empty, "application/vnd.example.signature", subjectDescriptor, sigLayer);
        for (byte[] referrer : List.of(sbom, sig)) {
            var put = http.put("/v2/acme/refs/manifests/" + sha256(referrer), referrer, OCI_MANIFEST);
            assertThat(put.statusCode()).isEqualTo(201);
            assertThat(put.headers().firstValue("OCI-Subject")).hasValue(sha256(subject));
        }
        var all = http.get("/v2/acme/refs/referrers/" + sha256(subject));
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.headers().firstValue("Content-Type")).hasValue(OCI_INDEX);
        JsonNode index = JSON.readTree(all.body());
        assertThat(index.get("manifests")).hasSize(2);
        List<String> types = new ArrayList<>();
        index.get("manifests").forEach(d -> types.add(d.get("artifactType").asText()));
        assertThat(types).containsExactlyInAnyOrder("application/vnd.example.sbom", "application/vnd.example.signature");
        assertThat(index.get("manifests").get(0).get("annotations").get("org.example.test").asText()).isEqualTo("yes");

        var filtered = http.get("/v2/acme/refs/referrers/" + sha256(subject) + "?artifactType=application/vnd.example.sbom");
        assertThat(filtered.headers().firstValue("OCI-Filters-Applied")).hasValue("artifactType");
        JsonNode only = JSON.readTree(filtered.body()).get("manifests");
        assertThat(only).hasSize(1);
        assertThat(only.get(0).get("digest").asText()).isEqualTo(sha256(sbom));

        // A subject nobody refers to gives an empty index, never 404; a bad digest is 400.
        var none = http.get("/v2/acme/refs/referrers/" + sha256(new byte[]{42}));
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(none.body()).get("manifests")).isEmpty();
        assertThat(http.get("/v2/acme/refs/referrers/sha256:xyz").statusCode()).isEqualTo(400);
    }

    @Test
    void dockerSchema2ManifestAndList() {
        byte[] config = "{\"docker\":true}".getBytes(StandardCharsets.UTF_8);
        byte[] layer = bytes(500, 8);
        pushBlob("acme/docker", config);
        pushBlob("acme/docker", layer);
        String type = "application/vnd.docker.distribution.manifest.v2+json";
        byte[] m = ("{\"schemaVersion\":2,\"mediaType\":\"" + type + "\",\"config\":"
                + descriptor("application/vnd.docker.container.image.v1+json", config) + ",\"layers\":["
                + descriptor("application/vnd.docker.image.rootfs.diff.tar.gzip", layer) + "]}").getBytes();
        assertThat(http.put("/v2/acme/docker/manifests/" + sha256(m), m, type).statusCode()).isEqualTo(201);
        String listType = "application/vnd.docker.distribution.manifest.list.v2+json";
        byte[] list = ("{\"schemaVersion\":2,\"mediaType\":\"" + listType + "\",\"manifests\":["
                + descriptor(type, m).replace("}", ",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}") + "]}").getBytes();
        assertThat(http.put("/v2/acme/docker/manifests/latest", list, listType).statusCode()).isEqualTo(201);
        var get = http.get("/v2/acme/docker/manifests/latest");
        assertThat(get.headers().firstValue("Content-Type")).hasValue(listType);
        assertThat(get.body()).isEqualTo(list);
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
