package dev.berth.oci;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ManifestParserTest {
    private static final String D1 = "sha256:" + "1".repeat(64);
    private static final String D2 = "sha256:" + "2".repeat(64);
    private static final String D3 = "sha256:" + "3".repeat(64);
    private static final String EMPTY_DIGEST =
            "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
    private static final String CONFIG = "application/vnd.oci.image.config.v1+json";
    private static final String LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
    private static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    private static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    private static final String OCI_MANIFEST = """
            {
              "schemaVersion": 2,
              "mediaType": "application/vnd.oci.image.manifest.v1+json",
              "config": {"mediaType": "%s", "digest": "%s", "size": 7023},
              "layers": [
                {"mediaType": "%s", "digest": "%s", "size": 32654},
                {"mediaType": "%s", "digest": "%s", "size": 0, "annotations": {"org.example": "x"}}
              ],
              "annotations": {"org.opencontainers.image.created": "2024-01-01T00:00:00Z"}
            }""".formatted(CONFIG, D1, LAYER, D2, LAYER, D3);

    private static final String OCI_INDEX = """
            {
              "schemaVersion": 2,
              "mediaType": "application/vnd.oci.image.index.v1+json",
              "manifests": [
                {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "%s", "size": 100,
                 "platform": {"architecture": "amd64", "os": "linux"}},
                {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "%s", "size": 200,
                 "platform": {"architecture": "arm64", "os": "linux", "variant": "v8"}}
              ]
            }""".formatted(D1, D2);

    private static final String DOCKER_MANIFEST = """
            {
              "schemaVersion": 2,
              "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
              "config": {"mediaType": "%s", "size": 1469, "digest": "%s"},
              "layers": [{"mediaType": "%s", "size": 2818413, "digest": "%s"}]
            }""".formatted(DOCKER_CONFIG, D1, DOCKER_LAYER, D2);

    private static final String DOCKER_LIST = """
            {
              "schemaVersion": 2,
              "mediaType": "application/vnd.docker.distribution.manifest.list.v2+json",
              "manifests": [
                {"mediaType": "application/vnd.docker.distribution.manifest.v2+json", "size": 528, "digest": "%s",
                 "platform": {"architecture": "amd64", "os": "linux"}}
              ]
            }""".formatted(D1);

    private static final String ARTIFACT = """
            {
              "schemaVersion": 2,
              "mediaType": "application/vnd.oci.image.manifest.v1+json",
              "artifactType": "application/vnd.example.sbom.v1+json",
              "config": {"mediaType": "application/vnd.oci.empty.v1+json", "digest": "%s", "size": 2, "data": "e30="},
              "layers": [{"mediaType": "application/spdx+json", "digest": "%s", "size": 1234}],
              "subject": {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "%s", "size": 7682}
            }""".formatted(EMPTY_DIGEST, D2, D3);

    private static final String SCHEMA1 = """
            {
              "schemaVersion": 1,
              "name": "library/hello",
              "tag": "latest",
              "architecture": "amd64",
              "fsLayers": [{"blobSum": "%s"}],
              "history": [{"v1Compatibility": "{}"}]
            }""".formatted(D1);

    // ---- accepted

    @Test
    void ociManifest() {
        Manifest m = parse(OCI_MANIFEST, MediaTypes.OCI_MANIFEST);
        assertThat(m.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(m.isIndex()).isFalse();
        assertThat(m.config()).hasValueSatisfying(c -> {
            assertThat(c.mediaType()).isEqualTo(CONFIG);
            assertThat(c.digest()).isEqualTo(Digest.parse(D1));
            assertThat(c.size()).isEqualTo(7023);
        });
        assertThat(m.layers()).extracting(Descriptor::digest).containsExactly(Digest.parse(D2), Digest.parse(D3));
        assertThat(m.layers().get(1).annotations()).containsEntry("org.example", "x");
        assertThat(m.blobs()).extracting(Descriptor::digest)
                .containsExactly(Digest.parse(D1), Digest.parse(D2), Digest.parse(D3));
        assertThat(m.children()).isEmpty();
        assertThat(m.subject()).isEmpty();
        assertThat(m.effectiveArtifactType()).contains(CONFIG);
        assertThat(m.annotations()).containsKey("org.opencontainers.image.created");
    }

    @Test
    void ociIndex() {
        Manifest m = parse(OCI_INDEX, MediaTypes.OCI_INDEX);
        assertThat(m.isIndex()).isTrue();
        assertThat(m.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
        assertThat(m.config()).isEmpty();
        assertThat(m.blobs()).isEmpty();
        assertThat(m.children()).extracting(Descriptor::size).containsExactly(100L, 200L);
        assertThat(m.effectiveArtifactType()).isEmpty();
    }

    @Test
    void dockerManifest() {
        Manifest m = parse(DOCKER_MANIFEST, MediaTypes.DOCKER_MANIFEST);
        assertThat(m.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
        assertThat(m.isIndex()).isFalse();
        assertThat(m.blobs()).extracting(Descriptor::mediaType).containsExactly(DOCKER_CONFIG, DOCKER_LAYER);
    }

    @Test
    void dockerManifestList() {
        Manifest m = parse(DOCKER_LIST, MediaTypes.DOCKER_MANIFEST_LIST);
        assertThat(m.isIndex()).isTrue();
        assertThat(m.children()).singleElement()
                .satisfies(d -> assertThat(d.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST));
    }

    @Test
    void artifactWithArtifactTypeAndSubject() {
        Manifest m = parse(ARTIFACT, MediaTypes.OCI_MANIFEST);
        assertThat(m.effectiveArtifactType()).contains("application/vnd.example.sbom.v1+json");
        assertThat(m.config()).hasValueSatisfying(c -> assertThat(c.mediaType()).isEqualTo(MediaTypes.OCI_EMPTY));
        assertThat(m.subject()).hasValueSatisfying(s -> {
            assertThat(s.digest()).isEqualTo(Digest.parse(D3));
            assertThat(s.size()).isEqualTo(7682);
        });
    }

    @Test
    void indexWithSubjectAndArtifactType() {
        String json = """
                {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
                 "artifactType": "application/vnd.example.signatures",
                 "manifests": [],
                 "subject": {"mediaType": "application/vnd.oci.image.index.v1+json", "digest": "%s", "size": 10}}
                """.formatted(D1);
        Manifest m = parse(json, null);
        assertThat(m.isIndex()).isTrue();
        assertThat(m.children()).isEmpty();
        assertThat(m.effectiveArtifactType()).contains("application/vnd.example.signatures");
        assertThat(m.subject()).isPresent();
    }

    static Stream<Arguments> mediaTypeResolution() {
        String noMediaType = OCI_MANIFEST.replace("\"mediaType\": \"application/vnd.oci.image.manifest.v1+json\",", "");
        String indexNoMediaType = OCI_INDEX.replace("\"mediaType\": \"application/vnd.oci.image.index.v1+json\",", "");
        return Stream.of(
                Arguments.of(OCI_MANIFEST, null, MediaTypes.OCI_MANIFEST),
                Arguments.of(OCI_MANIFEST, "application/json", MediaTypes.OCI_MANIFEST),
                Arguments.of(OCI_MANIFEST, "Application/VND.OCI.Image.Manifest.v1+json; charset=utf-8",
                        MediaTypes.OCI_MANIFEST),
                Arguments.of(noMediaType, null, MediaTypes.OCI_MANIFEST),
                Arguments.of(noMediaType, MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_MANIFEST),
                Arguments.of(indexNoMediaType, null, MediaTypes.OCI_INDEX),
                Arguments.of(indexNoMediaType, MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.DOCKER_MANIFEST_LIST),
                Arguments.of(DOCKER_MANIFEST, "", MediaTypes.DOCKER_MANIFEST));
    }

    @ParameterizedTest
    @MethodSource
    void mediaTypeResolution(String json, String contentType, String expected) {
        assertThat(parse(json, contentType).mediaType()).isEqualTo(expected);
    }

    @Test
    void exactly4MiBIsAccepted() {
        String head = "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a/b\",\"digest\":\"" + D1
                + "\",\"size\":1},\"annotations\":{\"pad\":\"";
        String tail = "\"}}";
        String json = head + "x".repeat(ManifestParser.MAX_MANIFEST_BYTES - head.length() - tail.length()) + tail;
        assertThat(json.getBytes(UTF_8)).hasSize(ManifestParser.MAX_MANIFEST_BYTES);
        assertThat(parse(json, null).annotations().get("pad")).hasSizeGreaterThan(4_000_000);
        assertThatThrownBy(() -> parse(json.replace("\"pad\":\"", "\"pad\":\"x"), null))
                .isInstanceOf(InvalidManifestException.class).hasMessageContaining("larger than");
    }

    // ---- refused

    static Stream<Arguments> refused() {
        return Stream.of(
                // schema 1, by body, by Content-Type, by mediaType
                refuse("schema 1 body", SCHEMA1, null, "schema 1"),
                refuse("schema 1 content type", OCI_MANIFEST.replace("\"mediaType\": \"application/vnd.oci.image"
                        + ".manifest.v1+json\",", ""), MediaTypes.DOCKER_SCHEMA1_SIGNED, "schema 1"),
                refuse("schema 1 mediaType", SCHEMA1.replace("\"schemaVersion\": 1,",
                        "\"schemaVersion\": 1, \"mediaType\": \"" + MediaTypes.DOCKER_SCHEMA1 + "\","),
                        null, "schema 1"),
                // schemaVersion
                refuse("schemaVersion 3", OCI_MANIFEST.replace("\"schemaVersion\": 2", "\"schemaVersion\": 3"),
                        null, "schemaVersion"),
                refuse("schemaVersion string",
                        OCI_MANIFEST.replace("\"schemaVersion\": 2", "\"schemaVersion\": \"2\""),
                        null, "schemaVersion"),
                refuse("schemaVersion float", OCI_MANIFEST.replace("\"schemaVersion\": 2", "\"schemaVersion\": 2.0"),
                        null, "schemaVersion"),
                refuse("schemaVersion missing", OCI_MANIFEST.replace("\"schemaVersion\": 2,", ""),
                        null, "schemaVersion"),
                refuse("schemaVersion null", OCI_MANIFEST.replace("\"schemaVersion\": 2", "\"schemaVersion\": null"),
                        null, "schemaVersion"),
                refuse("schemaVersion wraps to 2 as an int",
                        OCI_MANIFEST.replace("\"schemaVersion\": 2", "\"schemaVersion\": 4294967298"),
                        null, "schemaVersion"),
                // media types
                refuse("Content-Type vs mediaType", OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST, "does not match"),
                refuse("index Content-Type, manifest body", OCI_MANIFEST, MediaTypes.OCI_INDEX, "does not match"),
                refuse("manifest Content-Type, index body", OCI_INDEX, MediaTypes.OCI_MANIFEST, "does not match"),
                refuse("unknown mediaType", OCI_MANIFEST.replace("application/vnd.oci.image.manifest.v1+json",
                        "application/vnd.example+json"), null, "unsupported manifest mediaType"),
                refuse("mediaType not a string", OCI_MANIFEST.replace("\"application/vnd.oci.image.manifest.v1+json\"",
                        "7"), null, "must be a string"),
                refuse("cannot tell", "{\"schemaVersion\": 2}", null, "cannot tell"),
                // shape
                refuse("index with config", OCI_INDEX.replace("\"manifests\"",
                        "\"config\": {\"mediaType\": \"a/b\", \"digest\": \"" + D1 + "\", \"size\": 1}, \"manifests\""),
                        null, "must not have config"),
                refuse("manifest with manifests", OCI_MANIFEST.replace("\"layers\"", "\"manifests\": [], \"layers\""),
                        null, "must not have manifests"),
                refuse("index without manifests", "{\"schemaVersion\": 2, \"mediaType\": \""
                        + MediaTypes.OCI_INDEX + "\"}", null, "manifests is required"),
                refuse("manifest without config", DOCKER_MANIFEST.replaceFirst("\"config\": \\{[^}]*},", ""),
                        null, "config is required"),
                refuse("docker manifest without layers", DOCKER_MANIFEST.replaceFirst(",\\s*\"layers\": \\[.*]", ""),
                        null, "layers is required"),
                refuse("layers not an array",
                        OCI_MANIFEST.replaceFirst("\"layers\": \\[(?s).*]\\s*,", "\"layers\": {},"),
                        null, "layers must be an array"),
                refuse("config not an object", OCI_MANIFEST.replaceFirst("\"config\": \\{[^}]*}", "\"config\": \"x\""),
                        null, "config must be a descriptor object"),
                refuse("annotation not a string", OCI_MANIFEST.replace("\"2024-01-01T00:00:00Z\"", "1"),
                        null, "must be a string"),
                refuse("annotations not an object", OCI_MANIFEST.replace("\"annotations\": {\"org.opencontainers",
                        "\"annotations\": [], \"x\": {\"org.opencontainers"), null, "annotations must be an object"),
                // descriptors
                refuse("bad digest", OCI_MANIFEST.replace(D2, "sha256:xyz"), null, "layers[0].digest is invalid"),
                refuse("upper-case digest", OCI_MANIFEST.replace(D1, "sha256:" + "A".repeat(64)), null,
                        "config.digest is invalid"),
                refuse("unsupported digest", OCI_MANIFEST.replace(D3, "md5:d41d8cd98f00b204e9800998ecf8427e"), null,
                        "layers[1].digest is invalid"),
                refuse("digest not a string", OCI_MANIFEST.replace("\"" + D2 + "\"", "12"), null, "must be a string"),
                refuse("digest missing", ARTIFACT.replace("\"digest\": \"" + D3 + "\", ", ""), null,
                        "subject.digest is required"),
                refuse("descriptor mediaType missing", OCI_MANIFEST.replace("{\"mediaType\": \"" + LAYER
                        + "\", \"digest\": \"" + D2 + "\"", "{\"digest\": \"" + D2 + "\""), null,
                        "layers[0].mediaType is required"),
                refuse("descriptor mediaType empty", OCI_MANIFEST.replace("\"" + CONFIG + "\"", "\"\""), null,
                        "config.mediaType is required"),
                refuse("negative size", OCI_MANIFEST.replace("32654", "-1"), null, "size must be a non-negative"),
                refuse("size as string", OCI_MANIFEST.replace("32654", "\"32654\""), null, "size must be"),
                refuse("size as float", OCI_MANIFEST.replace("32654", "1.5"), null, "size must be"),
                refuse("size missing", OCI_MANIFEST.replace(", \"size\": 7023", ""), null, "config.size must be"),
                refuse("size beyond a long", OCI_MANIFEST.replace("32654", "18446744073709551621"), null,
                        "size must be"),
                refuse("child with bad digest", OCI_INDEX.replace(D2, "sha256:"), null, "manifests[1].digest"),
                // not a JSON object
                refuse("array", "[]", null, "must be a JSON object"),
                refuse("string", "\"manifest\"", null, "must be a JSON object"),
                refuse("number", "2", null, "must be a JSON object"),
                refuse("null", "null", null, "must be a JSON object"),
                refuse("empty", "", null, "must be a JSON object"),
                refuse("truncated", OCI_MANIFEST.substring(0, 40), null, "not valid JSON"),
                refuse("trailing garbage", OCI_MANIFEST + " x", null, "not valid JSON"),
                refuse("two documents", OCI_MANIFEST + OCI_MANIFEST, null, "not valid JSON"));
    }

    private static Arguments refuse(String name, String json, String contentType, String message) {
        return Arguments.of(name, json, contentType, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refused(String name, String json, String contentType, String message) {
        assertThatThrownBy(() -> parse(json, contentType))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining(message);
    }

    @Test
    void moreThan4MiBIsRefusedBeforeParsing() {
        byte[] huge = new byte[ManifestParser.MAX_MANIFEST_BYTES + 1]; // not even JSON: the size check comes first
        assertThatThrownBy(() -> ManifestParser.parse(huge, MediaTypes.OCI_MANIFEST))
                .isInstanceOf(InvalidManifestException.class).hasMessageContaining("larger than");
    }

    private static Manifest parse(String json, String contentType) {
        return ManifestParser.parse(json.getBytes(UTF_8), contentType);
    }
}
