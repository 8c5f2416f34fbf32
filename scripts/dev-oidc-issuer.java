import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stand-in for GitHub's OIDC token service, to try Berth's keyless flow on one machine (docs/github-actions.md).
 * Development only: one RSA key generated at start and never stored, plain http on a loopback address.
 *
 * <pre>
 *   java scripts/dev-oidc-issuer.java 127.0.0.1:8111
 *   curl -s 'http://127.0.0.1:8111/token?audience=sts.amazonaws.com'                      # main of acme/app
 *   curl -s 'http://127.0.0.1:8111/token?audience=sts.amazonaws.com&sub=repo:acme/app:pull_request'
 * </pre>
 *
 * Serves {@code /.well-known/openid-configuration} and {@code /.well-known/jwks} as GitHub does, and mints at
 * {@code /token} an RS256 token with GitHub's claims for a push to {@code main} of {@code acme/app}, valid 5
 * minutes; every query parameter but {@code audience} replaces the claim of that name. The answer is GitHub's
 * shape, {@code {"value": "<jwt>"}}. Needs only a JDK (11+); no dependencies.
 */
public class DevOidcIssuer {
    public static void main(String[] args) throws Exception {
        String listen = args.length > 0 ? args[0] : "127.0.0.1:8111";
        int colon = listen.lastIndexOf(':');
        String host = listen.substring(0, colon);
        int port = Integer.parseInt(listen.substring(colon + 1));
        String issuer = "http://" + listen;

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair();
        RSAPublicKey pub = (RSAPublicKey) key.getPublic();
        String kid = "dev-" + Long.toHexString(System.currentTimeMillis());

        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/.well-known/openid-configuration", ex -> send(ex, "{\"issuer\":\"" + issuer
                + "\",\"jwks_uri\":\"" + issuer + "/.well-known/jwks\",\"response_types_supported\":[\"id_token\"],"
                + "\"subject_types_supported\":[\"public\",\"pairwise\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}"));
        server.createContext("/.well-known/jwks", ex -> send(ex, "{\"keys\":[{\"kty\":\"RSA\",\"alg\":\"RS256\","
                + "\"use\":\"sig\",\"kid\":\"" + kid + "\",\"n\":\"" + b64(unsigned(pub.getModulus()))
                + "\",\"e\":\"" + b64(unsigned(pub.getPublicExponent())) + "\"}]}"));
        server.createContext("/token", ex -> {
            Map<String, String> query = query(ex.getRequestURI().getRawQuery());
            long now = Instant.now().getEpochSecond();
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("jti", java.util.UUID.randomUUID().toString());
            claims.put("sub", "repo:acme/app:ref:refs/heads/main");
            claims.put("aud", query.getOrDefault("audience", "https://github.com/acme"));
            claims.put("ref", "refs/heads/main");
            claims.put("sha", "ea2f3c5a2d0e6c1b8f3e4d5c6b7a8f9e0d1c2b3a");
            claims.put("repository", "acme/app");
            claims.put("repository_owner", "acme");
            claims.put("run_id", "9876543210");
            claims.put("actor", "octocat");
            claims.put("workflow", "release");
            claims.put("event_name", "push");
            claims.put("ref_type", "branch");
            claims.put("job_workflow_ref", "acme/app/.github/workflows/release.yml@refs/heads/main");
            claims.put("runner_environment", "self-hosted");
            query.forEach((name, value) -> {
                if (!name.equals("audience")) {
                    claims.put(name, value);
                }
            });
            claims.put("iss", issuer);
            claims.put("nbf", now - 300);
            claims.put("iat", now);
            claims.put("exp", now + 300);
            try {
                send(ex, "{\"value\":\"" + jwt(kid, claims, key) + "\"}");
            } catch (Exception e) {
                throw new IOException(e);
            }
        });
        server.start();
        System.out.println("OIDC issuer " + issuer + " (key " + kid + "); tokens at " + issuer + "/token");
    }

    static String jwt(String kid, Map<String, Object> claims, KeyPair key) throws Exception {
        StringBuilder payload = new StringBuilder("{");
        claims.forEach((name, value) -> payload.append(payload.length() > 1 ? "," : "").append(json(name))
                .append(':').append(value instanceof Number ? value.toString() : json(value.toString())));
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
        String input = b64(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64(payload.append('}').toString().getBytes(StandardCharsets.UTF_8));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(key.getPrivate());
        rs256.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64(rs256.sign());
    }

    static String json(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The big-endian magnitude without the sign byte BigInteger adds. */
    static byte[] unsigned(BigInteger n) {
        byte[] b = n.toByteArray();
        return b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static void send(HttpExchange ex, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }
}
