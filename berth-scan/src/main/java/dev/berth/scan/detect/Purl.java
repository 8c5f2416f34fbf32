package dev.berth.scan.detect;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Builds package URLs (https://github.com/package-url/purl-spec): {@code pkg:type/namespace/name@version?qualifiers}.
 * Every component is percent-encoded except the unreserved characters; namespace segments keep their slashes;
 * qualifiers are sorted by key and empty ones dropped, as the spec's canonical form asks.
 */
public final class Purl {
    private final String type;
    private String namespace = "";
    private final String name;
    private String version = "";
    private final Map<String, String> qualifiers = new TreeMap<>();

    private Purl(String type, String name) {
        this.type = Objects.requireNonNull(type, "type");
        this.name = Objects.requireNonNull(name, "name");
    }

    public static Purl of(String type, String name) {
        return new Purl(type, name);
    }

    public Purl namespace(String namespace) {
        this.namespace = namespace == null ? "" : namespace;
        return this;
    }

    public Purl version(String version) {
        this.version = version == null ? "" : version;
        return this;
    }

    public Purl qualifier(String key, String value) {
        if (value != null && !value.isEmpty()) {
            qualifiers.put(key, value);
        }
        return this;
    }

    @Override
    public String toString() {
        StringBuilder purl = new StringBuilder("pkg:").append(type).append('/');
        if (!namespace.isEmpty()) {
            for (String segment : namespace.split("/")) {
                if (!segment.isEmpty()) {
                    purl.append(encode(segment)).append('/');
                }
            }
        }
        purl.append(encode(name));
        if (!version.isEmpty()) {
            purl.append('@').append(encode(version));
        }
        char separator = '?';
        for (Map.Entry<String, String> qualifier : qualifiers.entrySet()) {
            purl.append(separator).append(qualifier.getKey()).append('=').append(encode(qualifier.getValue()));
            separator = '&';
        }
        return purl.toString();
    }

    static String encode(String text) {
        StringBuilder encoded = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }
}
