package dev.berth.api.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Fields;

/**
 * One HTTP request and its response, for blocking handlers running on virtual threads: reads and writes block
 * until done. Not thread-safe (one request, one thread).
 */
public final class Exchange {
    private final Request request;
    private final Response response;
    private Fields query;
    private boolean committed;

    public Exchange(Request request, Response response) {
        this.request = request;
        this.response = response;
    }

    public String method() {
        return request.getMethod();
    }

    public boolean isHead() {
        return "HEAD".equals(request.getMethod());
    }

    /** The decoded path, e.g. {@code /v2/acme/app/manifests/latest}. */
    public String path() {
        return Request.getPathInContext(request);
    }

    /** The path exactly as sent (still percent-encoded), for signature checks. */
    public String rawPath() {
        return request.getHttpURI().getPath();
    }

    /** The query string exactly as sent, or "" when there is none. */
    public String rawQuery() {
        String q = request.getHttpURI().getQuery();
        return q == null ? "" : q;
    }

    /** Every request header, names as sent, values in order. */
    public java.util.Map<String, java.util.List<String>> headers() {
        java.util.Map<String, java.util.List<String>> out = new java.util.LinkedHashMap<>();
        for (org.eclipse.jetty.http.HttpField f : request.getHeaders()) {
            out.computeIfAbsent(f.getName(), k -> new java.util.ArrayList<>()).add(f.getValue());
        }
        return out;
    }

    /** The client's address (the TCP peer; a proxy in front must be trusted separately). */
    public String remoteAddress() {
        return Request.getRemoteAddr(request);
    }

    /** Reads the whole body, refusing (with {@link BodyTooLargeException}) one longer than {@code limit}. */
    public byte[] readBody(int limit) throws IOException {
        long declared = contentLength();
        if (declared > limit) {
            throw new BodyTooLargeException(limit);
        }
        try (InputStream in = body()) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new BodyTooLargeException(limit);
            }
            return bytes;
        }
    }

    /** A request body over the edge's limit. */
    public static final class BodyTooLargeException extends IOException {
        public BodyTooLargeException(int limit) {
            super("request body is larger than " + limit + " bytes");
        }
    }

    public String header(String name) {
        return request.getHeaders().get(name);
    }

    /** The request's Content-Length, or -1 when absent (chunked transfer). */
    public long contentLength() {
        return request.getLength();
    }

    /** A query parameter's first value, or null. */
    public String query(String name) {
        if (query == null) {
            query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        }
        return query.getValue(name);
    }

    /** The request body as a stream (it blocks on a virtual thread until bytes arrive). */
    public InputStream body() {
        return Content.Source.asInputStream(request);
    }

    public void header(String name, String value) {
        response.getHeaders().put(name, value);
    }

    public void header(HttpHeader name, String value) {
        response.getHeaders().put(name, value);
    }

    public HttpFields.Mutable responseHeaders() {
        return response.getHeaders();
    }

    /** The response status set so far (200 until one is set). */
    public int responseStatus() {
        return response.getStatus();
    }

    public void status(int status) {
        response.setStatus(status);
    }

    /** Sends the status and headers with an empty body. */
    public void send(int status) throws IOException {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
        finish(null);
    }

    /** Sends a whole small body (JSON, manifests) with its type and length; HEAD sends the headers only. */
    public void send(int status, String contentType, byte[] body) throws IOException {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        finish(isHead() ? null : ByteBuffer.wrap(body));
    }

    /** Writes part of a streamed body; blocks until the bytes are handed to the network. */
    public void write(ByteBuffer buffer) throws IOException {
        committed = true;
        try (Blocker.Callback callback = Blocker.callback()) {
            response.write(false, buffer, callback);
            callback.block();
        }
    }

    /** Ends the response: the last (possibly null) buffer, then completes. */
    public void finish(ByteBuffer last) throws IOException {
        committed = true;
        try (Blocker.Callback callback = Blocker.callback()) {
            response.write(true, last, callback);
            callback.block();
        }
    }

    /** Whether anything was sent already (then an error can no longer be reported in the body). */
    public boolean isCommitted() {
        return committed || response.isCommitted();
    }
}
