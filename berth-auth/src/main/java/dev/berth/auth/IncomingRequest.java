package dev.berth.auth;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What SigV4 needs to know of an HTTP request, exactly as it arrived: independent of any HTTP framework.
 *
 * @param method the request method as sent ({@code GET}, {@code POST})
 * @param rawPath the request target's path as sent on the wire, still percent-encoded, without the query
 *     ({@code /} for the ECR, STS and IAM APIs)
 * @param rawQuery the query string as sent, still percent-encoded, without the {@code ?}; empty when there is none
 * @param headers every header received; must include {@code Host} (for HTTP/2, the {@code :authority})
 * @param payloadSha256 lower-case hex SHA-256 of the body bytes as received (of nothing for an empty body)
 */
public record IncomingRequest(String method, String rawPath, String rawQuery, Headers headers, String payloadSha256) {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public IncomingRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(rawQuery, "rawQuery");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(payloadSha256, "payloadSha256");
        if (method.isEmpty()) {
            throw new IllegalArgumentException("method is empty");
        }
        if (rawQuery.startsWith("?")) {
            throw new IllegalArgumentException("rawQuery must not start with '?'");
        }
        if (!SHA256_HEX.matcher(payloadSha256).matches()) {
            throw new IllegalArgumentException("payloadSha256 is not 64 lower-case hex digits");
        }
    }

    /** A request whose body is {@code body}; the body is hashed here and not kept. */
    public static IncomingRequest of(String method, String rawPath, String rawQuery, Headers headers, byte[] body) {
        return new IncomingRequest(method, rawPath, rawQuery, headers, Crypto.sha256Hex(body));
    }

    /** A request without a body. */
    public static IncomingRequest withoutBody(String method, String rawPath, String rawQuery, Headers headers) {
        return new IncomingRequest(method, rawPath, rawQuery, headers, Crypto.EMPTY_SHA256);
    }
}
