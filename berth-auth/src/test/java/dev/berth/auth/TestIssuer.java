package dev.berth.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An OIDC issuer on a loopback port, like GitHub's token service: discovery at
 * {@code /.well-known/openid-configuration}, keys at {@code /.well-known/jwks}, tokens minted with GitHub's claims.
 * Counts the requests it serves; can publish other keys, answer 500, or lie about its issuer.
 */
final class TestIssuer implements AutoCloseable {
    static final RSAKey RSA = rsa("rsa-1");
    static final ECKey EC = ec("ec-1");

    private final HttpServer server;
    final String url;
    final AtomicInteger discoveryHits = new AtomicInteger();
    final AtomicInteger jwksHits = new AtomicInteger();
    volatile JWKSet published = new JWKSet(List.of(RSA.toPublicJWK(), EC.toPublicJWK()));
    volatile boolean failing;
    volatile String declaredIssuer;

    TestIssuer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        url = "http://127.0.0.1:" + server.getAddress().getPort();
        declaredIssuer = url;
        server.createContext("/.well-known/openid-configuration", ex -> {
            discoveryHits.incrementAndGet();
            respond(ex, "{\"issuer\":\"" + declaredIssuer + "\",\"jwks_uri\":\"" + url + "/.well-known/jwks\","
                    + "\"response_types_supported\":[\"id_token\"],\"subject_types_supported\":[\"public\"],"
                    + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
        });
        server.createContext("/.well-known/jwks", ex -> {
            jwksHits.incrementAndGet();
            respond(ex, published.toString());
        });
        server.start();
    }

    private void respond(HttpExchange ex, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(failing ? 500 : 200, failing ? -1 : body.length);
        if (!failing) {
            ex.getResponseBody().write(body);
        }
        ex.close();
    }

    /** A GitHub Actions token for {@code acme/app} on {@code main}, issued at {@code now}, valid 5 minutes. */
    String mint(JWK key, JWSAlgorithm alg, Instant now, Consumer<JWTClaimsSet.Builder> changes) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(url)
                .subject("repo:acme/app:ref:refs/heads/main")
                .audience("sts.amazonaws.com")
                .jwtID("example-id")
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(300)))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("repository", "acme/app")
                .claim("repository_owner", "acme")
                .claim("repository_id", "123456")
                .claim("ref", "refs/heads/main")
                .claim("ref_type", "branch")
                .claim("sha", "ea2f3c5a2d0e6c1b8f3e4d5c6b7a8f9e0d1c2b3a")
                .claim("workflow", "release")
                .claim("actor", "octocat")
                .claim("run_id", "987654321")
                .claim("run_attempt", "1")
                .claim("event_name", "push")
                .claim("environment", "production")
                .claim("job_workflow_ref", "acme/app/.github/workflows/release.yml@refs/heads/main")
                .claim("runner_environment", "github-hosted");
        changes.accept(claims);
        return sign(key, alg, claims.build());
    }

    String mint(JWK key, JWSAlgorithm alg, Instant now) {
        return mint(key, alg, now, c -> {});
    }

    static String sign(JWK key, JWSAlgorithm alg, JWTClaimsSet claims) {
        try {
            JWSSigner signer = key instanceof RSAKey rsa
                    ? new RSASSASigner(rsa.toPrivateKey(), true) : new ECDSASigner((ECKey) key);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(JOSEObjectType.JWT)
                    .build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static RSAKey rsa(String kid) {
        return rsa(kid, 2048);
    }

    static RSAKey rsa(String kid, int bits) {
        try {
            return new RSAKeyGenerator(bits, true).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey ec(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
