package dev.berth.scan.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.oci.Digest;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;
import dev.berth.scan.Inventory;
import dev.berth.scan.OsRelease;
import dev.berth.scan.Package;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

class CycloneDxWriterTest {
    private static final UUID SERIAL = UUID.fromString("3e671687-395b-41f5-a30f-a58921a69b79");
    private static final Digest IMAGE = Digest.parse(
            "sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0");
    private static final CycloneDxWriter WRITER = new CycloneDxWriter(
            Clock.fixed(Instant.parse("2026-11-22T01:02:03.456Z"), ZoneOffset.UTC), () -> SERIAL, "0.1.0");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Inventory INVENTORY = new Inventory(
            Optional.of(new OsRelease("debian", "12", "Debian GNU/Linux 12 (bookworm)")),
            List.of(new Package("Debian:12", "libssl3", "3.0.11-1~deb12u2", "openssl", "3.0.11-1~deb12u2",
                            "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12",
                            "/var/lib/dpkg/status"),
                    new Package("Maven", "org.apache.logging.log4j:log4j-core", "2.14.1", null, null,
                            "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
                            "/app/app.jar!/BOOT-INF/lib/log4j-core-2.14.1.jar"),
                    new Package("npm", "lodash", "4.17.15", null, null, "pkg:npm/lodash@4.17.15",
                            "/srv/a/node_modules/lodash/package.json"),
                    new Package("npm", "lodash", "4.17.15", null, null, "pkg:npm/lodash@4.17.15",
                            "/srv/b/node_modules/lodash/package.json")));

    private static JsonNode bom() throws IOException {
        return JSON.readTree(WRITER.write(INVENTORY, new SbomSubject(RepositoryName.parse("team/shop"),
                Optional.of(Tag.parse("1.2.0")), IMAGE)));
    }

    @Test
    void documentFieldsTheSpecRequires() throws IOException {
        JsonNode bom = bom();
        assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
        assertThat(bom.path("specVersion").asText()).isEqualTo("1.6");
        assertThat(bom.path("serialNumber").asText())
                .matches("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
                .isEqualTo("urn:uuid:" + SERIAL);
        assertThat(bom.path("version").isInt()).isTrue();
        assertThat(bom.path("version").asInt()).isEqualTo(1);
        assertThat(bom.path("metadata").path("timestamp").asText()).isEqualTo("2026-11-22T01:02:03Z");
        assertThat(bom.path("metadata").path("tools").path("components").get(0).path("name").asText())
                .isEqualTo("berth");
    }

    @Test
    void validAgainstTheOfficialCycloneDx16JsonSchema() throws Exception {
        SbomSubject subject = new SbomSubject(RepositoryName.parse("team/shop"), Optional.of(Tag.parse("1.2.0")),
                IMAGE);
        byte[] written = WRITER.write(INVENTORY, subject);
        assertThat(new org.cyclonedx.parsers.JsonParser().validate(written, org.cyclonedx.Version.VERSION_16))
                .isEmpty();

        byte[] broken = new String(written, java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"type\":\"library\"", "\"type\":\"gadget\"")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(new org.cyclonedx.parsers.JsonParser().validate(broken, org.cyclonedx.Version.VERSION_16))
                .as("the schema check itself can fail").isNotEmpty();
    }

    @Test
    void theImageIsTheMetadataComponent() throws IOException {
        JsonNode image = bom().path("metadata").path("component");
        assertThat(image.path("type").asText()).isEqualTo("container");
        assertThat(image.path("name").asText()).isEqualTo("team/shop");
        assertThat(image.path("version").asText()).isEqualTo(IMAGE.toString());
        assertThat(image.path("purl").asText()).isEqualTo("pkg:oci/shop@sha256%3A" + IMAGE.hex() + "?tag=1.2.0");
        assertThat(properties(image)).containsEntry("berth:image:repository", "team/shop")
                .containsEntry("berth:image:tag", "1.2.0");
    }

    @Test
    void everyPackageIsALibraryComponentWithPurlAndLocation() throws IOException {
        JsonNode components = bom().path("components");
        assertThat(components).hasSize(5);
        JsonNode os = components.get(0);
        assertThat(os.path("type").asText()).isEqualTo("operating-system");
        assertThat(os.path("name").asText()).isEqualTo("debian");
        assertThat(os.path("version").asText()).isEqualTo("12");

        JsonNode libssl = components.get(1);
        assertThat(libssl.path("type").asText()).isEqualTo("library");
        assertThat(libssl.path("name").asText()).isEqualTo("libssl3");
        assertThat(libssl.path("version").asText()).isEqualTo("3.0.11-1~deb12u2");
        assertThat(libssl.path("purl").asText()).startsWith("pkg:deb/debian/libssl3@");
        assertThat(properties(libssl)).isEqualTo(Map.of("berth:package:location", "/var/lib/dpkg/status",
                "berth:package:ecosystem", "Debian:12", "berth:package:source_name", "openssl",
                "berth:package:source_version", "3.0.11-1~deb12u2"));

        JsonNode log4j = components.get(2);
        assertThat(log4j.path("group").asText()).isEqualTo("org.apache.logging.log4j");
        assertThat(log4j.path("name").asText()).isEqualTo("log4j-core");
        assertThat(properties(log4j)).isEqualTo(Map.of(
                "berth:package:location", "/app/app.jar!/BOOT-INF/lib/log4j-core-2.14.1.jar",
                "berth:package:ecosystem", "Maven"));

        Set<String> bomRefs = new HashSet<>();
        for (JsonNode component : components) {
            assertThat(component.path("type").isTextual()).isTrue();
            assertThat(component.path("name").isTextual()).isTrue();
            assertThat(bomRefs.add(component.path("bom-ref").asText())).as("unique bom-ref").isTrue();
        }
    }

    @Test
    void emptyInventoryWithoutTag() throws IOException {
        JsonNode bom = JSON.readTree(WRITER.write(new Inventory(Optional.empty(), List.of()),
                new SbomSubject(RepositoryName.parse("scratch"), Optional.empty(), IMAGE)));
        assertThat(bom.path("components")).isEmpty();
        assertThat(bom.path("metadata").path("component").path("purl").asText())
                .isEqualTo("pkg:oci/scratch@sha256%3A" + IMAGE.hex());
        assertThat(properties(bom.path("metadata").path("component"))).doesNotContainKey("berth:image:tag");
    }

    @Test
    void sameInventorySameBytes() {
        SbomSubject subject = new SbomSubject(RepositoryName.parse("team/shop"), Optional.empty(), IMAGE);
        assertThat(WRITER.write(INVENTORY, subject)).isEqualTo(WRITER.write(INVENTORY, subject));
        assertThat(CycloneDxWriter.MEDIA_TYPE).isEqualTo("application/vnd.cyclonedx+json");
    }

    private static Map<String, String> properties(JsonNode component) {
        return StreamSupport.stream(component.path("properties").spliterator(), false)
                .collect(Collectors.toMap(p -> p.path("name").asText(), p -> p.path("value").asText()));
    }
}
