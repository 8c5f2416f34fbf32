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
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * AWS JSON 1.1 calls signed with SigV4 by the AWS SDK's own signer, for operations no SDK client models (Berth's
 * extensions) and for reading members an SDK model drops. The signing clock can be moved to match a server running
 * with a clock offset.
 */
final class SignedJson {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** An answer: the HTTP status and the JSON body. */
    record Answer(int status, JsonNode body) {
        String errorType() {
            return body.path("__type").asText();
        }
    }

    private final String url;
    private final AwsCredentials credentials;
    private final Clock clock;

    SignedJson(String url, AwsCredentials credentials, Duration clockOffset) {
        this.url = url;
        this.credentials = credentials;
        this.clock = Clock.offset(Clock.systemUTC(), clockOffset);
    }

    Answer call(String target, Map<String, ?> input) {
        try {
            return call(target, JSON.writeValueAsBytes(input));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Answer call(String target, byte[] body) {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(URI.create(url + "/"))
                .putHeader("X-Amz-Target", target).putHeader("Content-Type", "application/x-amz-json-1.1").build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials).request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ecr")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(url + "/"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
            if (header.getKey().equalsIgnoreCase("host") || header.getKey().equalsIgnoreCase("content-length")) {
                continue;   // set by the HTTP client, to the same values
            }
            header.getValue().forEach(v -> http.header(header.getKey(), v));
        }
        try {
            HttpResponse<byte[]> response = CLIENT.send(http.build(), HttpResponse.BodyHandlers.ofByteArray());
            String text = new String(response.body(), StandardCharsets.UTF_8);
            return new Answer(response.statusCode(), JSON.readTree(text.isEmpty() ? "{}" : text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
