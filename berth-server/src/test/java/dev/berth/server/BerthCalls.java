package dev.berth.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Calls Berth's own JSON 1.1 operations ({@code X-Amz-Target: Berth_20261122.<Op>}) signed by the real AWS SDK v2
 * SigV4 signer with the signing name {@code ecr} (Berth's operations share ECR's), as any SigV4 client (curl
 * {@code --aws-sigv4}) would.
 */
final class BerthCalls {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Headers the JDK client sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length");

    record Answer(int status, JsonNode body) {
        String errorType() {
            return body.path("__type").asText();
        }
    }

    private final TestServer server;
    private final AwsCredentialsIdentity credentials;

    BerthCalls(TestServer server, AwsCredentialsIdentity credentials) {
        this.server = server;
        this.credentials = credentials;
    }

    static AwsCredentialsIdentity root() {
        return AwsCredentialsIdentity.create(TestServer.ROOT_ACCESS_KEY_ID, TestServer.ROOT_SECRET);
    }

    Answer call(String operation, String input) {
        byte[] body = input.getBytes(StandardCharsets.UTF_8);
        URI endpoint = URI.create(server.url());
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST)
                .protocol(endpoint.getScheme()).host(endpoint.getHost()).port(endpoint.getPort()).encodedPath("/")
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "Berth_20261122." + operation)
                .contentStreamProvider(ContentStreamProvider.fromByteArray(body)).build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials).request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ecr")).request();
        HttpRequest.Builder http = HttpRequest.newBuilder(signed.getUri())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signed.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> http.header(name, v));
            }
        });
        try {
            HttpResponse<byte[]> response = CLIENT.send(http.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
