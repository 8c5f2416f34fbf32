package dev.berth.registry.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.scan.Inventory;
import dev.berth.scan.OsRelease;
import dev.berth.scan.Package;
import dev.berth.vulndb.Finding;
import dev.berth.vulndb.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stored forms of an inventory and of findings (JSON text in {@code image_scans}). Written and read only here,
 * so the shape can change with a version field; every field is written, so a round trip gives equal values.
 */
final class ScanCodec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int VERSION = 1;

    private ScanCodec() {}

    static String inventory(Inventory inventory) {
        ObjectNode out = JSON.createObjectNode().put("v", VERSION);
        inventory.os().ifPresent(os -> out.putObject("os").put("id", os.id()).put("versionId", os.versionId())
                .put("prettyName", os.prettyName()));
        ArrayNode packages = out.putArray("packages");
        inventory.packages().forEach(p -> packages.add(pkg(p)));
        return write(out);
    }

    static Inventory inventory(String json) {
        JsonNode node = read(json);
        Optional<OsRelease> os = node.hasNonNull("os") ? Optional.of(new OsRelease(node.get("os").path("id").asText(),
                node.get("os").path("versionId").asText(), node.get("os").path("prettyName").asText()))
                : Optional.empty();
        List<Package> packages = new ArrayList<>();
        node.path("packages").forEach(p -> packages.add(pkg(p)));
        return new Inventory(os, packages);
    }

    static String findings(List<Finding> findings) {
        ArrayNode out = JSON.createArrayNode();
        for (Finding f : findings) {
            ObjectNode o = out.addObject().put("id", f.id()).put("description", f.description()).put("uri", f.uri())
                    .put("severity", f.severity().name());
            ArrayNode ids = o.putArray("advisoryIds");
            f.advisoryIds().forEach(ids::add);
            f.cvssScore().ifPresent(s -> o.put("cvssScore", s));
            f.cvssVector().ifPresent(v -> o.put("cvssVector", v));
            f.fixedVersion().ifPresent(v -> o.put("fixedVersion", v));
            o.set("package", pkg(f.pkg()));
        }
        return write(out);
    }

    static List<Finding> findings(String json) {
        List<Finding> out = new ArrayList<>();
        for (JsonNode f : read(json)) {
            List<String> ids = new ArrayList<>();
            f.path("advisoryIds").forEach(i -> ids.add(i.asText()));
            out.add(new Finding(f.path("id").asText(), ids, f.path("description").asText(), f.path("uri").asText(),
                    Severity.valueOf(f.path("severity").asText()),
                    f.hasNonNull("cvssScore") ? Optional.of(f.get("cvssScore").asDouble()) : Optional.empty(),
                    text(f, "cvssVector"), pkg(f.path("package")), text(f, "fixedVersion")));
        }
        return out;
    }

    private static ObjectNode pkg(Package p) {
        return JSON.createObjectNode().put("ecosystem", p.ecosystem()).put("name", p.name())
                .put("version", p.version()).put("sourceName", p.sourceName()).put("sourceVersion", p.sourceVersion())
                .put("purl", p.purl()).put("location", p.location());
    }

    private static Package pkg(JsonNode p) {
        return new Package(p.path("ecosystem").asText(), p.path("name").asText(), p.path("version").asText(),
                p.path("sourceName").asText(), p.path("sourceVersion").asText(), p.path("purl").asText(),
                p.path("location").asText());
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
