package dev.berth.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The percent-encoding rules of SigV4: RFC 3986 with only the unreserved characters {@code A-Z a-z 0-9 - _ . ~}
 * left as they are, upper-case hex, UTF-8. Works on bytes so that a component survives decode-then-encode exactly,
 * whatever it contains. Stateless.
 */
final class UriEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriEncoding() {}

    /** Percent-encodes the UTF-8 bytes of {@code text}, keeping unreserved characters (and {@code /} if asked). */
    static String encode(String text, boolean keepSlash) {
        return encode(text.getBytes(StandardCharsets.UTF_8), keepSlash);
    }

    static String encode(byte[] bytes, boolean keepSlash) {
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (isUnreserved(c) || (keepSlash && c == '/')) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /**
     * The bytes a raw URI component stands for: {@code %XX} escapes decoded, every other character taken as its
     * UTF-8 bytes. A {@code %} not followed by two hex digits stands for itself. {@code +} stays {@code +}: the
     * SDKs encode a space as {@code %20}, and a query string is not a form body.
     */
    static byte[] decode(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && hex(raw.charAt(i + 1)) >= 0 && hex(raw.charAt(i + 2)) >= 0) {
                out.write(hex(raw.charAt(i + 1)) << 4 | hex(raw.charAt(i + 2)));
                i += 3;
            } else {
                int cp = raw.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
            }
        }
        return out.toByteArray();
    }

    static String decodeToString(String raw) {
        return new String(decode(raw), StandardCharsets.UTF_8);
    }

    /** Re-encodes a raw component in SigV4's canonical form (the form the client's signer produced). */
    static String canonicalize(String raw) {
        return encode(decode(raw), false);
    }

    /**
     * The canonical URI of a non-S3 service: the raw path with dot segments removed (RFC 3986 section 5.2.4), then
     * every character except {@code /} percent-encoded again, so that an already encoded path is double-encoded,
     * as the AWS SDKs do. An empty path is {@code /}.
     */
    static String canonicalUri(String rawPath) {
        if (rawPath.isEmpty()) {
            return "/";
        }
        String path = removeDotSegments(rawPath);
        if (path.length() > 1 && path.endsWith("/") && !rawPath.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.isEmpty()) {
            path = "/";
        }
        return encode(path, true);
    }

    static String removeDotSegments(String path) {
        boolean absolute = path.startsWith("/");
        String[] segments = (absolute ? path.substring(1) : path).split("/", -1);
        Deque<String> kept = new ArrayDeque<>();
        boolean trailingSlash = false;
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            boolean last = i == segments.length - 1;
            if (s.equals(".") || s.equals("..")) {
                if (s.equals("..") && !kept.isEmpty()) {
                    kept.removeLast();
                }
                trailingSlash = last;
            } else {
                kept.addLast(s);
                trailingSlash = false;
            }
        }
        String joined = String.join("/", kept);
        return (absolute ? "/" : "") + joined + (trailingSlash && !joined.isEmpty() ? "/" : "");
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
