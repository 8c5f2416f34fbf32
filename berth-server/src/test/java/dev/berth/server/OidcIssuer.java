package dev.berth.server;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A local OIDC issuer shaped like GitHub's token service, for end-to-end tests: an HTTP server on a loopback port
 * serving {@code /.well-known/openid-configuration} and its JWKS ({@code /.well-known/jwks}, one RSA key of its
 * own), and a {@link #token()} builder for GitHub Actions tokens that tests can bend — other claims, another
 * expiry, a forged key, {@code alg: none} or HS256. Its issuer is {@code http://127.0.0.1:PORT}, so the IAM provider
 * URL and the trust policies' condition key prefix are {@code 127.0.0.1:PORT}. Thread-safe; close it to stop.
 */
public final class OidcIssuer implements AutoCloseable {
    /** The audience configure-aws-credentials asks GitHub for. */
    public static final String AUDIENCE = "sts.amazonaws.com";

    private final HttpServer server;
    private final String url;
    private final RSAKey key;

    private OidcIssuer(HttpServer server, RSAKey key) {
        this.server = server;
        this.key = key;
        this.url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Starts an issuer with a fresh 2048-bit RSA key. */
    public static OidcIssuer start() {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OidcIssuer issuer = new OidcIssuer(http, rsaKey("issuer-key-1"));
        http.createContext("/.well-known/openid-configuration", ex -> respond(ex, issuer.discovery()));
        http.createContext("/.well-known/jwks", ex -> respond(ex, new JWKSet(issuer.key.toPublicJWK()).toString()));
        http.start();
        return issuer;
    }

    /** {@code http://127.0.0.1:PORT}: the {@code iss} of its tokens and the IAM provider's {@code Url}. */
    public String url() {
        return url;
    }

    /** {@code 127.0.0.1:PORT}: the provider URL without scheme, the prefix of the trust policies' condition keys. */
    public String host() {
        return url.substring("http://".length());
    }

    /** A token for {@code acme/app} on {@code refs/heads/main}, issued now and valid 5 minutes, to adjust. */
    public Token token() {
        return new Token(this);
    }

    /** A fresh RSA key, to forge tokens with. */
    public static RSAKey rsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String discovery() {
        return "{\"issuer\":\"" + url + "\",\"jwks_uri\":\"" + url + "/.well-known/jwks\","
                + "\"subject_types_supported\":[\"public\",\"pairwise\"],\"response_types_supported\":[\"id_token\"],"
                + "\"claims_supported\":[\"sub\",\"aud\",\"exp\",\"iat\",\"iss\",\"jti\",\"nbf\",\"ref\",\"sha\","
                + "\"repository\",\"repository_owner\",\"run_id\",\"workflow\",\"actor\",\"job_workflow_ref\","
                + "\"environment\"],\"id_token_signing_alg_values_supported\":[\"RS256\"],"
                + "\"scopes_supported\":[\"openid\"]}";
    }

    private static void respond(HttpExchange ex, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * One token's claims and how it is signed. Starts from the claims GitHub Actions puts in a push build's token
     * (spec §5.7); every claim can be replaced or removed. Not thread-safe.
     */
    public static final class Token {
        private final OidcIssuer issuer;
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private RSAKey signingKey;

        private Token(OidcIssuer issuer) {
            this.issuer = issuer;
            this.signingKey = issuer.key;
            Instant now = Instant.now();
            claims.put("jti", java.util.UUID.randomUUID().toString());
            claims.put("sub", "repo:acme/app:ref:refs/heads/main");
            claims.put("aud", AUDIENCE);
            claims.put("ref", "refs/heads/main");
            claims.put("sha", "ea2f3c5a2d0e6c1b8f3e4d5c6b7a8f9e0d1c2b3a");
            claims.put("repository", "acme/app");
            claims.put("repository_owner", "acme");
            claims.put("repository_owner_id", "1234567");
            claims.put("repository_id", "7654321");
            claims.put("repository_visibility", "private");
            claims.put("run_id", "9876543210");
            claims.put("run_number", "42");
            claims.put("run_attempt", "1");
            claims.put("actor", "octocat");
            claims.put("actor_id", "583231");
            claims.put("workflow", "release");
            claims.put("workflow_ref", "acme/app/.github/workflows/release.yml@refs/heads/main");
            claims.put("job_workflow_ref", "acme/app/.github/workflows/release.yml@refs/heads/main");
            claims.put("event_name", "push");
            claims.put("ref_type", "branch");
            claims.put("ref_protected", "true");
            claims.put("runner_environment", "github-hosted");
            claims.put("iss", issuer.url);
            claims.put("nbf", now.minusSeconds(300).getEpochSecond());
            claims.put("iat", now.getEpochSecond());
            claims.put("exp", now.plus(Duration.ofMinutes(5)).getEpochSecond());
        }

        /** Sets (or replaces) a claim; dates as epoch seconds. */
        public Token claim(String name, Object value) {
            claims.put(name, value);
            return this;
        }

        public Token without(String name) {
            claims.remove(name);
            return this;
        }

        public Token subject(String sub) {
            return claim("sub", sub);
        }

        public Token audience(String aud) {
            return claim("aud", aud);
        }

        public Token issuer(String iss) {
            return claim("iss", iss);
        }

        /** Expired this long ago; issued five minutes before that. */
        public Token expiredAgo(Duration ago) {
            Instant exp = Instant.now().minus(ago);
            return claim("exp", exp.getEpochSecond()).claim("iat", exp.minusSeconds(300).getEpochSecond())
                    .claim("nbf", exp.minusSeconds(600).getEpochSecond());
        }

        /** Signs with another key under the issuer's {@code kid}: a forgery the issuer's JWKS cannot verify. */
        public Token forged() {
            this.signingKey = rsaKey(issuer.key.getKeyID());
            return this;
        }

        /** The compact RS256 JWS. */
        public String mint() {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claimsSet());
            try {
                jwt.sign(new RSASSASigner(signingKey));
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            return jwt.serialize();
        }

        /** The same claims as an unsecured JWT: header {@code {"alg":"none"}}, empty signature. */
        public String mintUnsigned() {
            return new PlainJWT(claimsSet()).serialize();
        }

        /**
         * The same claims with HS256, keyed with the issuer's public RSA key (the algorithm-confusion attack on
         * verifiers that accept whatever {@code alg} the token names).
         */
        public String mintHs256() {
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID(issuer.key.getKeyID()).type(JOSEObjectType.JWT).build(), claimsSet());
                jwt.sign(new MACSigner(issuer.key.toPublicKey().getEncoded()));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        private JWTClaimsSet claimsSet() {
            JWTClaimsSet.Builder b = new JWTClaimsSet.Builder();
            claims.forEach((name, value) -> b.claim(name, value instanceof Instant i ? Date.from(i) : value));
            return b.build();
        }
    }
}
