package dev.berth.scan.detect;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Streams deb822-style paragraphs (dpkg's status file): "Field: value" lines, continuation lines starting with
 * white space, paragraphs separated by blank lines. Continuations are dropped: none of the fields the scanner uses
 * spans lines. One paragraph is in memory at a time.
 */
final class ControlParagraphs {
    private ControlParagraphs() {
    }

    static void forEach(TextFiles.Lines lines, Consumer<Map<String, String>> paragraph) throws IOException {
        Map<String, String> fields = new HashMap<>();
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isBlank()) {
                if (!fields.isEmpty()) {
                    paragraph.accept(fields);
                    fields = new HashMap<>();
                }
                continue;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.putIfAbsent(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        if (!fields.isEmpty()) {
            paragraph.accept(fields);
        }
    }
}
