package dev.berth.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.cli.dockerconfig.RegistryCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry's challenge flow, learned once per registry by pinging {@code GET /v2/}: no challenge (anonymous),
 * {@code Basic} (the docker-config credentials on every request: what Berth asks for), or {@code Bearer}
 * (a token from the realm for the request's scopes, fetched with Basic credentials when there are some and
 * anonymously otherwise, cached per scope set). Knowing the scheme before a request is sent means a streamed body
 * is never sent twice just to learn that it needed credentials. Thread-safe.
 */
final class Authenticator {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final RegistryEndpoint endpoint;
    private final CredentialStore store;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private volatile Optional<RegistryCredentials> credentials;
    private volatile Optional<Challenge> challenge;

    Authenticator(HttpClient http, RegistryEndpoint endpoint, CredentialStore store) {
        this.http = http;
        this.endpoint = endpoint;
        this.store = store;
    }

    AuthContext context() {
        return new AuthContext(endpoint.registry(), store.config().file().toString(), credentials().isPresent());
    }

    /** The {@code Authorization} value for a request needing {@code scopes}; empty when anonymous is all we have. */
    Optional<String> authorization(List<String> scopes) {
        Optional<Challenge> ch = challenge();
        if (ch.isEmpty()) {
            return Optional.empty();
        }
        if (ch.get().isBasic()) {
            return credentials().map(Authenticator::basic);
        }
        if (ch.get().isBearer()) {
            String key = String.join(" ", scopes);
            String token = tokens.get(key);
            if (token == null) {
                token = fetchToken(ch.get(), scopes);
                tokens.put(key, token);
            }
            return Optional.of("Bearer " + token);
        }
        return credentials().map(Authenticator::basic); // an unknown scheme: Basic is the best guess
    }

    /** Drops a cached token the registry no longer accepts; true if there was one, so a retry may help. */
    boolean forget(List<String> scopes) {
        return tokens.remove(String.join(" ", scopes)) != null;
    }

    private Optional<RegistryCredentials> credentials() {
        Optional<RegistryCredentials> c = credentials;
        if (c == null) {
            synchronized (this) {
                if (credentials == null) {
                    credentials = store.lookup(endpoint.registry());
                }
                c = credentials;
            }
        }
        return c;
    }

    private Optional<Challenge> challenge() {
        Optional<Challenge> c = challenge;
        if (c == null) {
            synchronized (this) {
                if (challenge == null) {
                    challenge = ping();
                }
                c = challenge;
            }
        }
        return c;
    }

    private Optional<Challenge> ping() {
        URI uri = endpoint.resolve("/v2/");
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri).GET().timeout(Duration.ofSeconds(30)),
                "reach " + uri);
        if (response.statusCode() == 401) {
            return Challenge.parse(response.headers().firstValue("WWW-Authenticate").orElse(null))
                    .or(() -> Optional.of(new Challenge("basic", Map.of())));
        }
        return Optional.empty();
    }

    private String fetchToken(Challenge ch, List<String> scopes) {
        String realm = ch.parameter("realm").orElseThrow(() -> new RegistryException(
                RegistryException.Kind.AUTHENTICATION, 401, endpoint.registry() + " asks for a Bearer token but "
                        + "names no realm to get it from"));
        StringBuilder query = new StringBuilder();
        ch.parameter("service").ifPresent(s -> query.append("service=").append(encode(s)));
        for (String scope : scopes) {
            query.append(query.isEmpty() ? "" : "&").append("scope=").append(encode(scope));
        }
        URI uri = URI.create(realm + (query.isEmpty() ? "" : (realm.contains("?") ? "&" : "?") + query));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(Duration.ofSeconds(30));
        credentials().ifPresent(c -> request.header("Authorization", basic(c)));
        HttpResponse<byte[]> response = send(request, "get a token from " + realm);
        if (response.statusCode() != 200) {
            throw RegistryErrors.failure(response.statusCode(), response.body(),
                    "get a token for " + String.join(" ", scopes) + " from " + realm, context());
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            String token = body.path("token").asText("");
            if (token.isEmpty()) {
                token = body.path("access_token").asText("");
            }
            if (token.isEmpty()) {
                throw new RegistryException(RegistryException.Kind.AUTHENTICATION, 200,
                        "the token service " + realm + " answered without a token");
            }
            return token;
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Kind.AUTHENTICATION,
                    "the token service " + realm + " answered something that is not JSON", e);
        }
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request, String action) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw RegistryClient.unreachable(endpoint, action, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(RegistryException.Kind.OTHER, "interrupted", e);
        }
    }

    private static String basic(RegistryCredentials c) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (c.username() + ":" + c.secret()).getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
