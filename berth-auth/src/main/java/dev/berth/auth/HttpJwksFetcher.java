package dev.berth.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Finds and fetches an issuer's keys over HTTP: {@code GET <issuer>/.well-known/openid-configuration}, check that
 * its {@code issuer} is the token's issuer exactly (OpenID Connect Discovery 1.0, section 4.3), then
 * {@code GET jwks_uri}. Both must answer 200 with at most 1 MiB of JSON within the timeout; redirects are not
 * followed; {@code jwks_uri} must be https (or loopback http, like issuers). Every failure is an
 * {@code IDPCommunicationError} whose cause says what went wrong. Thread-safe.
 */
public final class HttpJwksFetcher implements JwksFetcher {
    static final String IDP_MESSAGE = "Couldn't retrieve verification key from your identity provider, please"
            + " reference AssumeRoleWithWebIdentity documentation for requirements";
    private static final int MAX_BODY_BYTES = 1 << 20;

    private final HttpClient client;
    private final Duration timeout;

    public HttpJwksFetcher(HttpClient client, Duration timeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** A fetcher with its own client: 3 s to connect, 5 s per request, no redirects, the JVM's proxy settings. */
    public static HttpJwksFetcher create() {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(3))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .proxy(java.net.ProxySelector.getDefault())
                .build();
        return new HttpJwksFetcher(client, Duration.ofSeconds(5));
    }

    @Override
    public JWKSet fetch(IssuerUrl issuer) {
        try {
            Map<String, Object> config = JSONObjectUtils.parse(get(issuer.discoveryUri()));
            String declared = JSONObjectUtils.getString(config, "issuer");
            if (!issuer.url().equals(declared)) {
                throw failure("the discovery document of " + issuer + " names issuer '" + declared + "'", null);
            }
            String jwksUri = JSONObjectUtils.getString(config, "jwks_uri");
            if (jwksUri == null) {
                throw failure("the discovery document of " + issuer + " has no jwks_uri", null);
            }
            URI uri = URI.create(jwksUri);
            IssuerUrl.check(uri, false);
            return JWKSet.parse(get(uri)).toPublicJWKSet();
        } catch (ParseException | IllegalArgumentException e) {
            throw failure("unreadable discovery document or JWKS for " + issuer + ": " + e.getMessage(), e);
        }
    }

    private String get(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/json").GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw failure("GET " + uri + " answered HTTP " + response.statusCode(), null);
                }
                byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
                if (bytes.length > MAX_BODY_BYTES) {
                    throw failure("GET " + uri + " answered more than " + MAX_BODY_BYTES + " bytes", null);
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw failure("GET " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while fetching " + uri, e);
        }
    }

    private static WebIdentityException failure(String detail, Throwable cause) {
        IOException why = new IOException(detail, cause);
        return new WebIdentityException(WebIdentityError.IDP_COMMUNICATION_ERROR, IDP_MESSAGE, why);
    }
}
