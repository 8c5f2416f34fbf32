package dev.berth.api.iam;

import java.nio.charset.StandardCharsets;

/**
 * IAM returns policy documents percent-encoded (RFC 3986, every byte but the unreserved characters), and clients
 * decode them (spec §1.3). {@code URLEncoder} would differ (it writes spaces as '+').
 */
final class PolicyEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PolicyEncoding() {}

    static String encode(String document) {
        StringBuilder out = new StringBuilder(document.length() * 2);
        for (byte b : document.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
            }
        }
        return out.toString();
    }
}
