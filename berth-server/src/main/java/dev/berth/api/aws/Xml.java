package dev.berth.api.aws;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;

/**
 * A minimal XML writer for AWS Query-protocol responses: elements, escaped text, {@code <member>} lists, ISO-8601
 * timestamps. Not thread-safe; one per response.
 */
public final class Xml {
    private final StringBuilder out = new StringBuilder(512);

    public Xml open(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    public Xml open(String name, String xmlns) {
        out.append('<').append(name).append(" xmlns=\"").append(escape(xmlns)).append("\">");
        return this;
    }

    public Xml close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    /** {@code <name>text</name>}; nothing at all when {@code text} is null (AWS omits absent members). */
    public Xml element(String name, Object text) {
        if (text != null) {
            out.append('<').append(name).append('>').append(escape(render(text))).append("</").append(name).append('>');
        }
        return this;
    }

    /** {@code <name><member>a</member>...</name>}. */
    public Xml members(String name, Collection<String> values) {
        open(name);
        for (String v : values) {
            element("member", v);
        }
        return close(name);
    }

    public byte[] bytes() {
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private static String render(Object value) {
        if (value instanceof Instant instant) {
            return instant.truncatedTo(ChronoUnit.SECONDS).toString();
        }
        return value.toString();
    }

    public static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&apos;";
                case '\r' -> "&#13;";
                default -> null;
            };
            if (r != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (r != null) {
                    b.append(r);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }
}
