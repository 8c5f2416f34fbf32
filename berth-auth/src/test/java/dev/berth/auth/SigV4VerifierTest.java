package dev.berth.auth;

import static dev.berth.auth.SdkSigning.AKID;
import static dev.berth.auth.SdkSigning.NOW;
import static dev.berth.auth.SdkSigning.SECRET;
import static dev.berth.auth.SdkSigning.SESSION_TOKEN;
import static dev.berth.auth.SdkSigning.TEMP_AKID;
import static dev.berth.auth.SdkSigning.TEMP_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.auth.SdkSigning.Spec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.regions.Region;

/** Signatures made by the real AWS SDK for Java v2 signer, verified. Refusals are in {@link SigV4RefusalTest}. */
class SigV4VerifierTest {
    static final String ENDPOINT = "http://127.0.0.1:5998";
    static final String ECR_TARGET = "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories";

    static final SecretLookup<String> SECRETS = key -> Optional.ofNullable(Map.of(
            AKID, AccessKeySecret.longTerm(SECRET, "user/admin"),
            TEMP_AKID, AccessKeySecret.temporary(TEMP_SECRET, SESSION_TOKEN, NOW.plusSeconds(3600),
                    "assumed-role/push/gha")).get(key));

    static SigV4Verifier<String> verifier(Clock clock) {
        return SigV4Verifier.builder(SECRETS).clock(clock).services(Set.of("ecr", "sts", "iam")).build();
    }

    static final SigV4Verifier<String> VERIFIER = verifier(SdkSigning.CLOCK);

    static Spec ecr(String body) {
        return Spec.post(ENDPOINT, "application/x-amz-json-1.1", body, Map.of("X-Amz-Target", List.of(ECR_TARGET)));
    }

    static Spec form(String body) {
        return Spec.post(ENDPOINT, "application/x-www-form-urlencoded; charset=utf-8", body, Map.of());
    }

    @Test
    void theSpecTestVector() {
        // spec section 1.4: captured from the aws CLI and recomputed independently
        var secrets = (SecretLookup<String>) key -> Optional.of(AccessKeySecret.temporary(
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "FQoGZXIvYXdzEXAMPLETOKEN", NOW.plusSeconds(60), "p"));
        Headers headers = Headers.of(
                "Host", "127.0.0.1:5998",
                "Content-Type", "application/x-amz-json-1.1",
                "X-Amz-Date", "20261121T204932Z",
                "X-Amz-Security-Token", "FQoGZXIvYXdzEXAMPLETOKEN",
                "X-Amz-Target", ECR_TARGET,
                "Authorization", "AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEEXAMPLE01/20261121/eu-west-1/ecr/"
                        + "aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;"
                        + "x-amz-target, Signature=e0d6a31e8124d879451442cb1e73733dc3124dc5e3f2965530aa95e88610e2be");
        IncomingRequest request = IncomingRequest.of("POST", "/", "", headers,
                "{\"repositoryNames\": [\"team/app\"]}".getBytes(StandardCharsets.UTF_8));
        assertThat(request.payloadSha256())
                .isEqualTo("3fbc7d1b4fb3d0f5d03e7cc6255e291fdc17cc930279a2487447bea852e2c74e");

        QueryParameters query = QueryParameters.parse("");
        String canonical = CanonicalRequest.of(request, query, SigV4Authorization.parse(request, query),
                request.payloadSha256());
        assertThat(Crypto.sha256Hex(canonical))
                .isEqualTo("5b43c7c1cb200adf1f5aa713b7c8f476d5399a66410c3582a01fb1e8fa874dbf");

        VerifiedRequest<String> verified = SigV4Verifier.builder(secrets).clock(SdkSigning.CLOCK).build()
                .verify(request);
        assertThat(verified.accessKeyId()).isEqualTo("ASIAEXAMPLEEXAMPLE01");
        assertThat(verified.region()).isEqualTo("eu-west-1");
        assertThat(verified.service()).isEqualTo("ecr");
        assertThat(verified.signedAt()).isEqualTo(NOW);

        // no x-amz-content-sha256 here: the payload line is the hash of the body received
        IncomingRequest tampered = Requests.withBody(request, "{\"repositoryNames\": [\"team/other\"]}");
        SigV4Exception e = SigV4RefusalTest.refusal(SigV4Verifier.builder(secrets).clock(SdkSigning.CLOCK).build(),
                tampered);
        assertThat(e.error()).isEqualTo(SigV4Error.SIGNATURE_DOES_NOT_MATCH);
        assertThat(e.getMessage()).startsWith("The request signature we calculated does not match");
    }

    @Test
    void ecrJsonWithLongTermKey() {
        IncomingRequest request = SdkSigning.sign(ecr("{\"repositoryNames\":[\"team/app\"]}"),
                SdkSigning.longTerm(), "eu-west-1", "ecr");
        VerifiedRequest<String> verified = VERIFIER.verify(request);
        assertThat(verified).isEqualTo(new VerifiedRequest<>(AKID, "eu-west-1", "ecr", "user/admin", NOW, false));
        assertThat(request.headers().first("Authorization").orElseThrow()).contains("x-amz-target");
    }

    @Test
    void ecrJsonWithTemporaryCredentials() {
        IncomingRequest request = SdkSigning.sign(ecr("{}"), SdkSigning.temporary(), "us-east-1", "ecr");
        assertThat(request.headers().first("X-Amz-Security-Token")).contains(SESSION_TOKEN);
        assertThat(VERIFIER.verify(request).principal()).isEqualTo("assumed-role/push/gha");
    }

    @Test
    void stsQueryFormWithSessionToken() {
        IncomingRequest request = SdkSigning.sign(form("Action=GetCallerIdentity&Version=2011-06-15"),
                SdkSigning.temporary(), "us-east-1", "sts");
        VerifiedRequest<String> verified = VERIFIER.verify(request);
        assertThat(verified.service()).isEqualTo("sts");
        assertThat(verified.accessKeyId()).isEqualTo(TEMP_AKID);
    }

    @Test
    void iamQueryFormSignedWithTheClientsRegion() {
        String body = "Action=CreateOpenIDConnectProvider&Version=2010-05-08"
                + "&Url=https%3A%2F%2Ftoken.actions.githubusercontent.com&ClientIDList.member.1=sts.amazonaws.com"
                + "&ThumbprintList=";
        VerifiedRequest<String> verified = VERIFIER.verify(
                SdkSigning.sign(form(body), SdkSigning.longTerm(), "ap-southeast-2", "iam"));
        assertThat(verified.region()).isEqualTo("ap-southeast-2");
        assertThat(verified.service()).isEqualTo("iam");
    }

    @Test
    void getWithAwkwardQueryParameters() {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("Action", List.of("ListRoles"));
        query.put("with space", List.of("a b c"));
        query.put("plus", List.of("1+1=2"));
        query.put("tilde~", List.of("~x~"));
        query.put("unicode", List.of("grüße 日本 🐳"));
        query.put("repeated", List.of("z", "a", "m"));
        query.put("empty", List.of(""));
        query.put("reserved", List.of("a/b?c&d=e#f%g*h"));
        IncomingRequest request = SdkSigning.sign(Spec.get(ENDPOINT, "/", query), SdkSigning.longTerm(),
                "us-east-1", "iam");
        assertThat(request.rawQuery()).contains("repeated=").contains("empty=");
        assertThat(VERIFIER.verify(request).service()).isEqualTo("iam");
    }

    @Test
    void queryParametersInAnyOrderOnTheWire() {
        IncomingRequest request = SdkSigning.sign(Spec.get(ENDPOINT, "/",
                Map.of("b", List.of("2"), "a", List.of("1"), "c", List.of("3"))), SdkSigning.longTerm(),
                "us-east-1", "sts");
        String[] params = request.rawQuery().split("&");
        String reversed = String.join("&", List.of(params).reversed());
        assertThat(VERIFIER.verify(Requests.withQuery(request, reversed)).service()).isEqualTo("sts");
    }

    @Test
    void encodedPathIsDoubleEncodedAndNormalised() {
        IncomingRequest encoded = SdkSigning.sign(Spec.get(ENDPOINT, "/repo%20name/a%2Fb/%E2%9C%93", Map.of()),
                SdkSigning.longTerm(), "us-east-1", "ecr");
        assertThat(encoded.rawPath()).isEqualTo("/repo%20name/a%2Fb/%E2%9C%93");
        assertThat(VERIFIER.verify(encoded).service()).isEqualTo("ecr");

        IncomingRequest dots = SdkSigning.sign(Spec.get(ENDPOINT, "/a/./b/../c/", Map.of()),
                SdkSigning.longTerm(), "us-east-1", "ecr");
        assertThat(dots.rawPath()).isEqualTo("/a/./b/../c/");
        assertThat(VERIFIER.verify(dots).service()).isEqualTo("ecr");
    }

    @Test
    void nonDefaultPortIsPartOfTheSignedHost() {
        IncomingRequest request = SdkSigning.sign(form("Action=GetCallerIdentity&Version=2011-06-15"),
                SdkSigning.longTerm(), "us-east-1", "sts");
        assertThat(request.headers().first("Host")).contains("127.0.0.1:5998");
        VERIFIER.verify(request);
        IncomingRequest proxied = Requests.withHeader(request, "Host", "127.0.0.1");
        assertThat(SigV4RefusalTest.refusal(VERIFIER, proxied).error()).isEqualTo(SigV4Error.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void headerValuesAreTrimmedCollapsedAndJoined() {
        Map<String, List<String>> headers = Map.of("X-Amz-Target", List.of(ECR_TARGET),
                "X-Custom", List.of("  a   b\t c ", "second  value"));
        Spec spec = Spec.post(ENDPOINT, "application/x-amz-json-1.1", "{}", headers);
        IncomingRequest request = SdkSigning.sign(spec, SdkSigning.longTerm(), "us-east-1", "ecr");
        assertThat(request.headers().first("Authorization").orElseThrow()).contains("x-custom");
        assertThat(request.headers().all("X-Custom")).hasSize(2);
        VERIFIER.verify(request);
        VERIFIER.verify(Requests.withHeader(request, "X-Custom", "a b c", "  second value"));
    }

    @Test
    void presignedGetCallerIdentity() {
        Spec spec = Spec.get(ENDPOINT, "/", Map.of("Action", List.of("GetCallerIdentity"),
                "Version", List.of("2011-06-15")));
        IncomingRequest request = SdkSigning.presign(spec, SdkSigning.longTerm(), "us-east-1", "sts",
                Duration.ofSeconds(60));
        assertThat(request.rawQuery()).contains("X-Amz-Signature=").contains("X-Amz-Expires=60");
        assertThat(request.headers().contains("Authorization")).isFalse();
        VerifiedRequest<String> verified = VERIFIER.verify(request);
        assertThat(verified.presigned()).isTrue();
        assertThat(verified.principal()).isEqualTo("user/admin");
        // valid until X-Amz-Date + X-Amz-Expires, even when that is beyond the skew
        VerifiedRequest<String> late = verifier(Clock.offset(SdkSigning.CLOCK, Duration.ofSeconds(60)))
                .verify(request);
        assertThat(late.signedAt()).isEqualTo(NOW);
    }

    @Test
    void presignedWithSessionTokenAndLongExpiry() {
        Spec spec = Spec.get(ENDPOINT, "/", Map.of("Action", List.of("GetCallerIdentity"),
                "Version", List.of("2011-06-15")));
        IncomingRequest request = SdkSigning.presign(spec, SdkSigning.temporary(), "eu-central-1", "sts",
                Duration.ofMinutes(50));
        assertThat(request.rawQuery()).contains("X-Amz-Security-Token=");
        verifier(Clock.offset(SdkSigning.CLOCK, Duration.ofMinutes(49))).verify(request);
    }

    @Test
    void presignedWithUnsignedPayload() {
        Spec spec = Spec.get(ENDPOINT, "/", Map.of("Action", List.of("GetCallerIdentity")));
        var signed = AwsV4HttpSigner.create().sign(r -> r.identity(SdkSigning.longTerm())
                .request(SdkSigning.sdkRequest(spec))
                .payload((ContentStreamProvider) null)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(HttpSigner.SIGNING_CLOCK, SdkSigning.CLOCK)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(5)));
        IncomingRequest request = SdkSigning.onTheWire(signed.request(), null);
        assertThat(VERIFIER.verify(request).presigned()).isTrue();
    }

    @Test
    void legacyAws4Signer() {
        SdkHttpFullRequest unsigned = SdkSigning.sdkRequest(form("Action=GetCallerIdentity&Version=2011-06-15"));
        SdkHttpFullRequest signed = Aws4Signer.create().sign(unsigned, Aws4SignerParams.builder()
                .awsCredentials(AwsBasicCredentials.create(AKID, SECRET))
                .signingName("sts")
                .signingRegion(Region.EU_WEST_1)
                .signingClockOverride(SdkSigning.CLOCK)
                .build());
        IncomingRequest request = SdkSigning.onTheWire(signed,
                "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8));
        assertThat(VERIFIER.verify(request).region()).isEqualTo("eu-west-1");
    }

    @Test
    void acceptsRequestsWithinTheSkew() {
        IncomingRequest request = SdkSigning.sign(ecr("{}"), SdkSigning.longTerm(), "us-east-1", "ecr");
        verifier(Clock.offset(SdkSigning.CLOCK, Duration.ofMinutes(15))).verify(request);
        verifier(Clock.offset(SdkSigning.CLOCK, Duration.ofMinutes(-15))).verify(request);
    }

    @Test
    void anyServiceWhenNoneConfigured() {
        IncomingRequest request = SdkSigning.sign(ecr("{}"), SdkSigning.longTerm(), "us-east-1", "execute-api");
        assertThat(SigV4Verifier.builder(SECRETS).clock(SdkSigning.CLOCK).build().verify(request).service())
                .isEqualTo("execute-api");
    }

    @Test
    void dateHeaderInsteadOfXAmzDate() {
        // older signers put the request time in Date (RFC 1123) and sign it; the string to sign uses the basic format
        Headers headers = Headers.of("Host", "127.0.0.1:5998", "Date", "Sat, 21 Nov 2026 20:49:32 GMT");
        IncomingRequest unsigned = IncomingRequest.withoutBody("GET", "/", "Action=GetCallerIdentity", headers);
        var auth = new SigV4Authorization(CredentialScope.parse(AKID + "/20261121/us-east-1/sts/aws4_request"),
                List.of("date", "host"), "date;host", "", "20261121T204932Z", NOW, null, null, false);
        String canonical = CanonicalRequest.of(unsigned, QueryParameters.parse(unsigned.rawQuery()), auth,
                Crypto.EMPTY_SHA256);
        String signature = Crypto.signature(Crypto.signingKey(SECRET, "20261121", "us-east-1", "sts"),
                CanonicalRequest.stringToSign(auth, canonical));
        IncomingRequest request = Requests.withHeader(unsigned, "Authorization", "AWS4-HMAC-SHA256 Credential="
                + AKID + "/20261121/us-east-1/sts/aws4_request, SignedHeaders=date;host, Signature=" + signature);
        assertThat(VERIFIER.verify(request).signedAt()).isEqualTo(NOW);
    }

    @Test
    void isSignedTellsUnsignedRequestsApart() {
        IncomingRequest unsigned = IncomingRequest.of("POST", "/", "", Headers.of("Host", "h"),
                "Action=AssumeRoleWithWebIdentity".getBytes(StandardCharsets.UTF_8));
        assertThat(SigV4Verifier.isSigned(unsigned)).isFalse();
        assertThat(SigV4Verifier.isSigned(SdkSigning.sign(ecr("{}"), SdkSigning.longTerm(), "us-east-1", "ecr")))
                .isTrue();
        assertThat(SigV4Verifier.isSigned(Requests.withQuery(unsigned, "X-Amz-Algorithm=AWS4-HMAC-SHA256")))
                .isTrue();
        assertThat(SigV4Verifier.isSigned(Requests.withQuery(unsigned, "X-Amz-Signature=abc"))).isTrue();
        assertThat(SigV4Verifier.isSigned(Requests.withQuery(unsigned, "Action=GetCallerIdentity"))).isFalse();
    }

    @Test
    void secretsNeverShowInToString() {
        AccessKeySecret<String> secret = AccessKeySecret.temporary(TEMP_SECRET, SESSION_TOKEN, NOW, "p");
        assertThat(secret.toString()).doesNotContain(TEMP_SECRET).doesNotContain(SESSION_TOKEN);
        assertThat(Headers.of("Authorization", "AWS4-HMAC-SHA256 secret").toString()).doesNotContain("secret");
    }

    static Clock at(java.time.Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
