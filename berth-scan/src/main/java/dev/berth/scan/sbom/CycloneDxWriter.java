package dev.berth.scan.sbom;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.berth.scan.Inventory;
import dev.berth.scan.OsRelease;
import dev.berth.scan.Package;
import dev.berth.scan.detect.Purl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Writes an {@link Inventory} as a CycloneDX 1.6 JSON BOM (https://cyclonedx.org/docs/1.6/json/): the image as
 * the metadata component (type "container", its digest as version, repository and tag as properties), the
 * distribution as an "operating-system" component, every package as a "library" component with its purl and
 * properties naming where it was found ({@value #LOCATION}), its ecosystem and source package. Components keep the
 * inventory's order, so the same inventory gives the same components. Thread-safe.
 */
public final class CycloneDxWriter {
    /** The media type of the BOM as an OCI artifact (its {@code artifactType}) and as a layer. */
    public static final String MEDIA_TYPE = "application/vnd.cyclonedx+json";
    public static final String SPEC_VERSION = "1.6";
    static final String LOCATION = "berth:package:location";
    static final String ECOSYSTEM = "berth:package:ecosystem";
    static final String SOURCE_NAME = "berth:package:source_name";
    static final String SOURCE_VERSION = "berth:package:source_version";
    static final String REPOSITORY = "berth:image:repository";
    static final String TAG = "berth:image:tag";

    private static final JsonFactory JSON = new JsonFactory();

    private final Clock clock;
    private final Supplier<UUID> serialNumbers;
    private final String toolVersion;

    /**
     * @param clock         the BOM's timestamp
     * @param serialNumbers a new serial number per BOM (random in production)
     * @param toolVersion   Berth's version, recorded as the tool that wrote the BOM
     */
    public CycloneDxWriter(Clock clock, Supplier<UUID> serialNumbers, String toolVersion) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.serialNumbers = Objects.requireNonNull(serialNumbers, "serialNumbers");
        this.toolVersion = Objects.requireNonNull(toolVersion, "toolVersion");
    }

    public CycloneDxWriter(String toolVersion) {
        this(Clock.systemUTC(), UUID::randomUUID, toolVersion);
    }

    /** The BOM's bytes (UTF-8 JSON). */
    public byte[] write(Inventory inventory, SbomSubject subject) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096 + 512 * inventory.packages().size());
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField("$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json");
            json.writeStringField("bomFormat", "CycloneDX");
            json.writeStringField("specVersion", SPEC_VERSION);
            json.writeStringField("serialNumber", "urn:uuid:" + serialNumbers.get());
            json.writeNumberField("version", 1);
            writeMetadata(json, subject);
            json.writeArrayFieldStart("components");
            inventory.os().ifPresent(os -> writeOperatingSystem(json, os));
            Set<String> bomRefs = new HashSet<>();
            for (Package p : inventory.packages()) {
                writePackage(json, p, bomRefs);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return bytes.toByteArray();
    }

    private void writeMetadata(JsonGenerator json, SbomSubject subject) throws IOException {
        json.writeObjectFieldStart("metadata");
        json.writeStringField("timestamp", Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
        json.writeObjectFieldStart("tools");
        json.writeArrayFieldStart("components");
        json.writeStartObject();
        json.writeStringField("type", "application");
        json.writeStringField("name", "berth");
        json.writeStringField("version", toolVersion);
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();

        String repository = subject.repository().value();
        String digest = subject.digest().toString();
        json.writeObjectFieldStart("component");
        json.writeStringField("type", "container");
        json.writeStringField("bom-ref", "image:" + digest);
        json.writeStringField("name", repository);
        json.writeStringField("version", digest);
        // pkg:oci names the image by the last segment of its repository; the rest is the repository_url.
        String purl = Purl.of("oci", repository.substring(repository.lastIndexOf('/') + 1)).version(digest)
                .qualifier("tag", subject.tag().map(t -> t.value()).orElse("")).toString();
        json.writeStringField("purl", purl);
        json.writeArrayFieldStart("properties");
        writeProperty(json, REPOSITORY, repository);
        if (subject.tag().isPresent()) {
            writeProperty(json, TAG, subject.tag().get().value());
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeOperatingSystem(JsonGenerator json, OsRelease os) {
        try {
            json.writeStartObject();
            json.writeStringField("type", "operating-system");
            json.writeStringField("bom-ref", "os:" + os.id() + "@" + os.versionId());
            json.writeStringField("name", os.id().isEmpty() ? "unknown" : os.id());
            if (!os.versionId().isEmpty()) {
                json.writeStringField("version", os.versionId());
            }
            if (!os.prettyName().isEmpty()) {
                json.writeStringField("description", os.prettyName());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writePackage(JsonGenerator json, Package p, Set<String> bomRefs) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", "library");
        String bomRef = p.purl() + "#" + p.location();
        for (int n = 2; !bomRefs.add(bomRef); n++) {
            bomRef = p.purl() + "#" + p.location() + "#" + n;
        }
        json.writeStringField("bom-ref", bomRef);
        int colon = p.name().indexOf(':');
        if (p.ecosystem().equals("Maven") && colon > 0) {
            json.writeStringField("group", p.name().substring(0, colon));
            json.writeStringField("name", p.name().substring(colon + 1));
        } else {
            json.writeStringField("name", p.name());
        }
        json.writeStringField("version", p.version());
        json.writeStringField("purl", p.purl());
        json.writeArrayFieldStart("properties");
        writeProperty(json, LOCATION, p.location());
        writeProperty(json, ECOSYSTEM, p.ecosystem());
        if (!p.sourceName().equals(p.name()) || !p.sourceVersion().equals(p.version())) {
            writeProperty(json, SOURCE_NAME, p.sourceName());
            writeProperty(json, SOURCE_VERSION, p.sourceVersion());
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeProperty(JsonGenerator json, String name, String value) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", name);
        json.writeStringField("value", value);
        json.writeEndObject();
    }
}
