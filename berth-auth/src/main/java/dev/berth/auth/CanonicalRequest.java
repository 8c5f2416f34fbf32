package dev.berth.auth;

import java.util.List;

/**
 * Builds the SigV4 canonical request and string to sign for a non-S3 service (spec section 1.4), from the request
 * exactly as received: nothing is re-serialised. Stateless.
 */
final class CanonicalRequest {
    private CanonicalRequest() {}

    /**
     * The canonical request: method, canonical URI (double-encoded), canonical query string (without
     * {@code X-Amz-Signature}), canonical headers (the signed ones, lower-cased, values trimmed, inner runs of
     * whitespace collapsed, several values joined by commas), the signed header list, the payload hash.
     */
    static String of(IncomingRequest request, QueryParameters query, SigV4Authorization auth, String payloadHash) {
        StringBuilder out = new StringBuilder(512);
        out.append(request.method()).append('\n');
        out.append(UriEncoding.canonicalUri(request.rawPath())).append('\n');
        out.append(query.canonical("X-Amz-Signature")).append('\n');
        for (String name : auth.signedHeaders()) {
            out.append(name).append(':');
            List<String> values = request.headers().all(name);
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                appendTrimmed(out, values.get(i));
            }
            out.append('\n');
        }
        out.append('\n');
        out.append(auth.signedHeadersText()).append('\n');
        out.append(payloadHash);
        return out.toString();
    }

    /** {@code AWS4-HMAC-SHA256}, the request time, the credential scope, the hash of the canonical request. */
    static String stringToSign(SigV4Authorization auth, String canonicalRequest) {
        return SigV4Authorization.ALGORITHM + '\n' + auth.amzDate() + '\n' + auth.credential().scope() + '\n'
                + Crypto.sha256Hex(canonicalRequest);
    }

    /** Appends {@code value} without leading or trailing whitespace, each inner run of whitespace as one space. */
    static void appendTrimmed(StringBuilder out, String value) {
        boolean pendingSpace = false;
        boolean started = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isWhitespace(c)) {
                pendingSpace = started;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
                started = true;
            }
        }
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000b';
    }
}
