package dev.berth.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Signs requests with the real AWS SDK for Java v2 signer and turns the result into what a server receives: the
 * path and query string as they go on the wire, every header, the body.
 */
final class SdkSigning {
    static final Instant NOW = Instant.parse("2026-11-21T20:49:32Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String AKID = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String TEMP_AKID = "ASIAEXAMPLEEXAMPLE01";
    static final String TEMP_SECRET = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";
    static final String SESSION_TOKEN = "FQoGZXIvYXdzEXAMPLETOKEN//////////wEaDExample+token/value==";

    private SdkSigning() {}

    /** A request to sign: endpoint like {@code http://127.0.0.1:5998}, path and raw query as the SDK is given. */
    record Spec(String method, String endpoint, String encodedPath, Map<String, List<String>> query,
            Map<String, List<String>> headers, byte[] body) {
        static Spec post(String endpoint, String contentType, String body, Map<String, List<String>> headers) {
            var all = new java.util.LinkedHashMap<String, List<String>>(headers);
            all.put("Content-Type", List.of(contentType));
            return new Spec("POST", endpoint, "/", Map.of(), all, body.getBytes(StandardCharsets.UTF_8));
        }

        static Spec get(String endpoint, String encodedPath, Map<String, List<String>> query) {
            return new Spec("GET", endpoint, encodedPath, query, Map.of(), null);
        }
    }

    static AwsCredentialsIdentity longTerm() {
        return AwsCredentialsIdentity.create(AKID, SECRET);
    }

    static AwsCredentialsIdentity temporary() {
        return AwsSessionCredentialsIdentity.create(TEMP_AKID, TEMP_SECRET, SESSION_TOKEN);
    }

    /** Header-form signature. */
    static IncomingRequest sign(Spec spec, AwsCredentialsIdentity creds, String region, String service) {
        return sign(spec, creds, region, service, null);
    }

    /** Presigned (query-string) form, valid for {@code expires}. */
    static IncomingRequest presign(Spec spec, AwsCredentialsIdentity creds, String region, String service,
            Duration expires) {
        return sign(spec, creds, region, service, expires);
    }

    private static IncomingRequest sign(Spec spec, AwsCredentialsIdentity creds, String region, String service,
            Duration expires) {
        SdkHttpRequest request = sdkRequest(spec);
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(creds)
                    .request(request)
                    .payload(spec.body() == null ? null : ContentStreamProvider.fromByteArray(spec.body()))
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(HttpSigner.SIGNING_CLOCK, CLOCK);
            if (expires != null) {
                r.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expires);
            }
        });
        return onTheWire(signed.request(), spec.body());
    }

    static SdkHttpFullRequest sdkRequest(Spec spec) {
        URI endpoint = URI.create(spec.endpoint());
        SdkHttpFullRequest.Builder b = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(spec.method()))
                .protocol(endpoint.getScheme())
                .host(endpoint.getHost())
                .port(endpoint.getPort())
                .encodedPath(spec.encodedPath());
        spec.query().forEach(b::putRawQueryParameter);
        spec.headers().forEach(b::putHeader);
        if (spec.body() != null) {
            b.contentStreamProvider(ContentStreamProvider.fromByteArray(spec.body()));
        }
        return b.build();
    }

    /** What the server sees: the URI's raw path and query, the headers, the body. */
    static IncomingRequest onTheWire(SdkHttpRequest sent, byte[] body) {
        URI uri = sent.getUri();
        Headers.Builder headers = Headers.builder();
        sent.headers().forEach((name, values) -> values.forEach(v -> headers.add(name, v)));
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        return IncomingRequest.of(sent.method().name(), uri.getRawPath(), query, headers.build(),
                body == null ? new byte[0] : body);
    }
}
