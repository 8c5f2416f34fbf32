package dev.berth.cli.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.berth.cli.dockerconfig.DockerConfig;
import dev.berth.cli.dockerconfig.RegistryCredentials;
import dev.berth.cli.image.Descriptor;
import dev.berth.cli.registry.CredentialStore;
import dev.berth.cli.registry.ImageReference;
import dev.berth.cli.registry.RegistryClient;
import dev.berth.cli.registry.RegistryEndpoint;
import dev.berth.oci.Digest;
import dev.berth.oci.DigestAlgorithm;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registry behaviours Berth does not have, on a loopback fake: no chunked uploads (PATCH answered 405), and blob
 * downloads redirected to another server that must not receive the registry's credentials.
 */
class FakeRegistryTest {
    private static final byte[] BLOB = new byte[300_000];

    static {
        new Random(11).nextBytes(BLOB);
    }

    private static final Digest DIGEST = Digest.compute(DigestAlgorithm.SHA256, BLOB);

    @TempDir
    Path tmp;

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile byte[] received;
    private volatile String cdnAuthorization = "unset";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/", this::registry);
        server.createContext("/cdn/", ex -> {
            cdnAuthorization = String.valueOf(ex.getRequestHeaders().getFirst("Authorization"));
            ex.sendResponseHeaders(200, BLOB.length);
            ex.getResponseBody().write(BLOB);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void registry(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        requests.add(method + " " + path);
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        if (ex.getRequestHeaders().getFirst("Authorization") == null) {
            ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"fake\"");
            send(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"log in\"}]}");
        } else if (method.equals("HEAD") && path.contains("/blobs/")) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        } else if (method.equals("GET") && path.contains("/blobs/sha256:")) {
            ex.getResponseHeaders().add("Location", "/cdn/blob?signature=abc");
            ex.sendResponseHeaders(307, -1);
            ex.close();
        } else if (method.equals("POST")) {
            ex.getResponseHeaders().add("Location", "/v2/team/app/blobs/uploads/u1");
            ex.sendResponseHeaders(202, -1);
            ex.close();
        } else if (method.equals("PATCH")) {
            send(ex, 405, "{\"errors\":[{\"code\":\"UNSUPPORTED\",\"message\":\"no chunked uploads here\"}]}");
        } else if (method.equals("PUT") && ex.getRequestURI().getQuery().equals("digest=" + DIGEST)) {
            received = body;
            ex.sendResponseHeaders(201, -1);
            ex.close();
        } else {
            send(ex, 400, "{\"errors\":[{\"code\":\"UNSUPPORTED\",\"message\":\"unexpected " + method + "\"}]}");
        }
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private RegistryClient client() {
        String registry = "127.0.0.1:" + server.getAddress().getPort();
        DockerConfig config = DockerConfig.at(tmp.resolve("config.json"));
        config.storeInline(registry, new RegistryCredentials("user", "secret"));
        return new RegistryClient(RegistryEndpoint.of(registry, false), new CredentialStore(config));
    }

    @Test
    void aRegistryWithoutChunkedUploadsGetsTheWholeBlobInOnePut() {
        String registry = "127.0.0.1:" + server.getAddress().getPort();
        Descriptor blob = Descriptor.of("application/vnd.oci.image.layer.v1.tar", DIGEST, BLOB.length);
        try (RegistryClient client = client()) {
            RegistryTarget target = new RegistryTarget(client, ImageReference.parse(registry + "/team/app:1"), null,
                    64 * 1024);
            BlobOutcome outcome = target.putBlob(blob, offset -> new ByteArrayInputStream(BLOB, (int) offset,
                    BLOB.length - (int) offset), TransferListener.NONE);
            assertThat(outcome).isEqualTo(BlobOutcome.TRANSFERRED);
        }
        assertThat(received).isEqualTo(BLOB);
        assertThat(requests).containsSubsequence("PATCH /v2/team/app/blobs/uploads/u1", "POST /v2/team/app/blobs/uploads/",
                "PUT /v2/team/app/blobs/uploads/u1");
    }

    @Test
    void redirectedDownloadsDoNotCarryTheRegistrysCredentials() throws IOException {
        try (RegistryClient client = client(); InputStream in = client.openBlob(
                dev.berth.oci.RepositoryName.parse("team/app"), DIGEST, 0)) {
            assertThat(in.readAllBytes()).isEqualTo(BLOB);
        }
        assertThat(cdnAuthorization).isEqualTo("null");
        assertThat(requests).contains("GET /v2/team/app/blobs/" + DIGEST);
    }
}
