package dev.berth.vulndb.osv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.vulndb.osv.OsvAdvisory.Affected;
import dev.berth.vulndb.osv.OsvAdvisory.Event;
import dev.berth.vulndb.osv.OsvAdvisory.EventKind;
import dev.berth.vulndb.osv.OsvAdvisory.Range;
import dev.berth.vulndb.osv.OsvAdvisory.RangeType;
import dev.berth.vulndb.osv.OsvAdvisory.SeverityEntry;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses OSV JSON documents (schema 1.6, lenient about older ones). Each call returns a {@link Parsed} result:
 * an advisory, a withdrawn one, or a skip with the reason. Never throws on bad input. Thread-safe.
 *
 * <p>Kept: ECOSYSTEM and SEMVER ranges and explicit {@code versions}. Dropped without complaint: GIT ranges
 * (Berth matches installed packages, not commits), unknown event kinds and severity types (kept as entries; the
 * rating ignores types it does not know). Skipped: not JSON, not an object, no {@code id}, no {@code modified},
 * no affected package with a range or version list Berth can match.
 */
public final class OsvParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The result of parsing one document. */
    public sealed interface Parsed {
        /** A usable advisory. */
        record Ok(OsvAdvisory advisory) implements Parsed {
        }

        /** A withdrawn advisory: to be removed from the database if it is there, never matched. */
        record Withdrawn(String id) implements Parsed {
        }

        /** A document that cannot be used, and why (short, for counting and logs). */
        record Skipped(String reason) implements Parsed {
        }
    }

    public Parsed parse(byte[] document) {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (JsonProcessingException e) {
            return new Parsed.Skipped("not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            return new Parsed.Skipped("unreadable: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            return new Parsed.Skipped("not a JSON object");
        }
        String id = text(root, "id");
        if (id == null || id.isBlank()) {
            return new Parsed.Skipped("no id");
        }
        if (text(root, "withdrawn") != null) {
            return new Parsed.Withdrawn(id);
        }
        String modifiedText = text(root, "modified");
        if (modifiedText == null) {
            return new Parsed.Skipped(id + ": no modified time");
        }
        Instant modified;
        try {
            modified = Instant.parse(modifiedText);
        } catch (DateTimeParseException e) {
            return new Parsed.Skipped(id + ": modified is not an RFC 3339 time: " + modifiedText);
        }
        List<Affected> affected = new ArrayList<>();
        for (JsonNode entry : root.path("affected")) {
            affected(entry).ifPresent(affected::add);
        }
        if (affected.isEmpty()) {
            return new Parsed.Skipped(id + ": no affected package with versions Berth can match");
        }
        return new Parsed.Ok(new OsvAdvisory(id, texts(root.path("aliases")), texts(root.path("upstream")),
                orEmpty(text(root, "summary")), orEmpty(text(root, "details")), modified,
                severities(root.path("severity")), Optional.ofNullable(text(root.path("database_specific"), "severity")),
                affected, references(root.path("references"))));
    }

    private static Optional<Affected> affected(JsonNode entry) {
        JsonNode pkg = entry.path("package");
        String ecosystem = text(pkg, "ecosystem");
        String name = text(pkg, "name");
        if (ecosystem == null || name == null || ecosystem.isBlank() || name.isBlank()) {
            return Optional.empty();
        }
        List<Range> ranges = new ArrayList<>();
        for (JsonNode range : entry.path("ranges")) {
            String type = text(range, "type");
            if (!"ECOSYSTEM".equals(type) && !"SEMVER".equals(type)) {
                continue;   // GIT (commits) and unknown types
            }
            List<Event> events = new ArrayList<>();
            for (JsonNode event : range.path("events")) {
                event.properties().forEach(field -> {
                    EventKind kind = switch (field.getKey()) {
                        case "introduced" -> EventKind.INTRODUCED;
                        case "fixed" -> EventKind.FIXED;
                        case "last_affected" -> EventKind.LAST_AFFECTED;
                        case "limit" -> EventKind.LIMIT;
                        default -> null;
                    };
                    if (kind != null && field.getValue().isTextual() && !field.getValue().asText().isBlank()) {
                        events.add(new Event(kind, field.getValue().asText().trim()));
                    }
                });
            }
            if (events.stream().anyMatch(e -> e.kind() == EventKind.INTRODUCED)) {
                ranges.add(new Range(RangeType.valueOf(type), events));
            }
        }
        List<String> versions = texts(entry.path("versions"));
        if (ranges.isEmpty() && versions.isEmpty()) {
            return Optional.empty();
        }
        String ecosystemSeverity = firstText(entry.path("ecosystem_specific"), "severity", "urgency");
        if (ecosystemSeverity == null) {
            ecosystemSeverity = firstText(entry.path("database_specific"), "severity", "urgency");
        }
        return Optional.of(new Affected(ecosystem.trim(), name.trim(), Optional.ofNullable(text(pkg, "purl")),
                ranges, versions, severities(entry.path("severity")), Optional.ofNullable(ecosystemSeverity)));
    }

    private static List<SeverityEntry> severities(JsonNode array) {
        List<SeverityEntry> result = new ArrayList<>();
        for (JsonNode entry : array) {
            String type = text(entry, "type");
            String score = text(entry, "score");
            if (type != null && score != null) {
                result.add(new SeverityEntry(type.trim().toUpperCase(Locale.ROOT), score.trim()));
            }
        }
        return result;
    }

    private static List<String> references(JsonNode array) {
        List<String> urls = new ArrayList<>();
        for (JsonNode reference : array) {
            String url = text(reference, "url");
            if (url != null && !url.isBlank()) {
                urls.add(url);
            }
        }
        return urls;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : array) {
            if (value.isTextual() && !value.asText().isBlank()) {
                values.add(value.asText().trim());
            }
        }
        return values;
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = text(node, field);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
