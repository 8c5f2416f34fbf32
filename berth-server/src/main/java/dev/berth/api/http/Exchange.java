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
