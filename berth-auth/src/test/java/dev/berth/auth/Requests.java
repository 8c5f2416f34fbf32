package dev.berth.auth;

import java.nio.charset.StandardCharsets;

/** Alters a received request the way a man in the middle (or a broken proxy) would. */
final class Requests {
    private Requests() {}

    static IncomingRequest withHeader(IncomingRequest r, String name, String... values) {
        Headers.Builder b = Headers.builder();
        for (String n : r.headers().names()) {
            if (!n.equalsIgnoreCase(name)) {
                r.headers().all(n).forEach(v -> b.add(n, v));
            }
        }
        for (String v : values) {
            b.add(name, v);
        }
        return new IncomingRequest(r.method(), r.rawPath(), r.rawQuery(), b.build(), r.payloadSha256());
    }

    static IncomingRequest withoutHeader(IncomingRequest r, String name) {
        return withHeader(r, name);
    }

    static IncomingRequest withBody(IncomingRequest r, String body) {
        return IncomingRequest.of(r.method(), r.rawPath(), r.rawQuery(), r.headers(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    static IncomingRequest withQuery(IncomingRequest r, String rawQuery) {
        return new IncomingRequest(r.method(), r.rawPath(), rawQuery, r.headers(), r.payloadSha256());
    }

    static IncomingRequest withPath(IncomingRequest r, String rawPath) {
        return new IncomingRequest(r.method(), rawPath, r.rawQuery(), r.headers(), r.payloadSha256());
    }

    static IncomingRequest withMethod(IncomingRequest r, String method) {
        return new IncomingRequest(method, r.rawPath(), r.rawQuery(), r.headers(), r.payloadSha256());
    }
}
