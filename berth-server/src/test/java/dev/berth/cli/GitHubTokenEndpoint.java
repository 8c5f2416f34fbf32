package dev.berth.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.berth.server.OidcIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * GitHub Actions' token service on loopback, backed by a test {@link OidcIssuer}: {@code GET <url>&audience=…} with
 * {@code Authorization: bearer <request token>} answers {@code {"value": "<jwt>"}} with {@code aud} set to the
 * requested audience; a wrong or missing bearer gets 401. Tests shape the claims with {@link #claims}, and read
 * the audiences asked for from {@link #audiences()}.
 */
final class GitHubTokenEndpoint implements AutoCloseable {
    static final String REQUEST_TOKEN = "ghs-request-token-for-this-job";

    private final HttpServer server;
    private final OidcIssuer issuer;
    private final List<String> audiences = new CopyOnWriteArrayList<>();
    private volatile UnaryOperator<OidcIssuer.Token> claims = UnaryOperator.identity();

    private GitHubTokenEndpoint(HttpServer server, OidcIssuer issuer) {
        this.server = server;
        this.issuer = issuer;
    }

    static GitHubTokenEndpoint start(OidcIssuer issuer) {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GitHubTokenEndpoint endpoint = new GitHubTokenEndpoint(http, issuer);
        http.createContext("/_apis/distributedtask/idtoken", endpoint::handle);
        http.start();
        return endpoint;
    }

    /** {@code ACTIONS_ID_TOKEN_REQUEST_URL}: like GitHub's, it already has a query string. */
    String requestUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/_apis/distributedtask/idtoken?api-version=2.0";
    }

    /** Shapes the next tokens' claims (the audience is set afterwards, from the request). */
    void claims(UnaryOperator<OidcIssuer.Token> shape) {
        this.claims = shape;
    }

    List<String> audiences() {
        return List.copyOf(audiences);
    }

    private void handle(HttpExchange ex) throws IOException {
        String authorization = ex.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.equalsIgnoreCase("bearer " + REQUEST_TOKEN)) {
            respond(ex, 401, "{\"message\":\"bad request token\"}");
            return;
        }
        String audience = null;
        String query = ex.getRequestURI().getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            if (pair.startsWith("audience=")) {
                audience = URLDecoder.decode(pair.substring("audience=".length()), StandardCharsets.UTF_8);
            }
        }
        if (audience == null || !query.contains("api-version=2.0")) {
            respond(ex, 400, "{\"message\":\"audience and api-version are required\"}");
            return;
        }
        audiences.add(audience);
        String jwt = claims.apply(issuer.token()).audience(audience).mint();
        respond(ex, 200, "{\"count\":1,\"value\":\"" + jwt + "\"}");
    }

    private static void respond(HttpExchange ex, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
