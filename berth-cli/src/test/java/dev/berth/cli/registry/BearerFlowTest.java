package dev.berth.cli.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.berth.cli.dockerconfig.DockerConfig;
import dev.berth.cli.dockerconfig.RegistryCredentials;
import dev.berth.cli.image.ManifestContent;
import dev.berth.oci.Digest;
import dev.berth.oci.DigestAlgorithm;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Bearer challenge flow against a loopback registry that behaves like Docker Hub's: 401 with a realm, a token
 * endpoint taking Basic credentials and scopes, manifests only for the right token.
 */
class BearerFlowTest {
    private static final byte[] MANIFEST = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:"
            + "a".repeat(64) + "\",\"size\":2},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    private HttpServer server;
    private final List<String> tokenQueries = new CopyOnWriteArrayList<>();
    private final List<String> tokenAuthorizations = new CopyOnWriteArrayList<>();
    private volatile int validToken = 1;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String realm = "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
        server.createContext("/token", ex -> {
            tokenQueries.add(ex.getRequestURI().getRawQuery());
            tokenAuthorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            String expected = "Basic " + Base64.getEncoder().encodeToString("robot:pw".getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                respond(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad credentials\"}]}", null);
                return;
            }
            respond(ex, 200, "{\"access_token\":\"tok-" + tokenQueries.size() + "\",\"expires_in\":300}",
                    "application/json");
        });
        server.createContext("/v2/", ex -> {
            if (!("Bearer tok-" + validToken).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.getResponseHeaders().add("WWW-Authenticate",
                        "Bearer realm=\"" + realm + "\",service=\"fake.registry\"");
                respond(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}",
                        "application/json");
                return;
            }
            respond(ex, 200, new String(MANIFEST, StandardCharsets.UTF_8), "application/vnd.oci.image.manifest.v1+json");
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void respond(HttpExchange ex, int status, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (type != null) {
            ex.getResponseHeaders().add("Content-Type", type);
        }
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private RegistryClient client(String user, String secret) {
        String registry = "127.0.0.1:" + server.getAddress().getPort();
        DockerConfig config = DockerConfig.at(tmp.resolve("config.json"));
        config.storeInline(registry, new RegistryCredentials(user, secret));
        return new RegistryClient(RegistryEndpoint.of(registry, false), new CredentialStore(config));
    }

    @Test
    void fetchesATokenForTheScopeWithBasicCredentialsAndReusesIt() {
        try (RegistryClient client = client("robot", "pw")) {
            RepositoryName repo = RepositoryName.parse("team/app");
            ManifestContent first = client.manifest(repo, Tag.parse("1"));
            ManifestContent second = client.manifest(repo, Tag.parse("2"));
            assertThat(first.bytes()).isEqualTo(MANIFEST);
            assertThat(first.digest()).isEqualTo(Digest.compute(DigestAlgorithm.SHA256, MANIFEST));
            assertThat(second.mediaType()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        }
        assertThat(tokenQueries).containsExactly("service=fake.registry&scope=repository%3Ateam%2Fapp%3Apull");
    }

    @Test
    void aTokenTheRegistryNoLongerAcceptsIsFetchedAgain() {
        try (RegistryClient client = client("robot", "pw")) {
            RepositoryName repo = RepositoryName.parse("team/app");
            client.manifest(repo, Tag.parse("1"));
            validToken = 2; // the first token expired
            assertThat(client.manifest(repo, Tag.parse("1")).bytes()).isEqualTo(MANIFEST);
        }
        assertThat(tokenQueries).hasSize(2);
    }

    @Test
    void aRefusedTokenRequestSaysToLogIn() {
        try (RegistryClient client = client("robot", "wrong")) {
            assertThatThrownBy(() -> client.manifest(RepositoryName.parse("team/app"), Tag.parse("1")))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("refused the credentials").hasMessageContaining("berth login")
                    .extracting(e -> ((RegistryException) e).kind()).isEqualTo(RegistryException.Kind.AUTHENTICATION);
        }
        assertThat(tokenAuthorizations).hasSize(1).allMatch(a -> a.startsWith("Basic "));
    }
}
