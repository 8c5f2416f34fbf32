package dev.berth.auth;

import static dev.berth.auth.SdkSigning.AKID;
import static dev.berth.auth.SdkSigning.NOW;
import static dev.berth.auth.SdkSigning.SECRET;
import static dev.berth.auth.SdkSigning.SESSION_TOKEN;
import static dev.berth.auth.SdkSigning.TEMP_AKID;
import static dev.berth.auth.SdkSigning.TEMP_SECRET;
import static dev.berth.auth.SigV4Error.EXPIRED_TOKEN;
import static dev.berth.auth.SigV4Error.INCOMPLETE_SIGNATURE;
import static dev.berth.auth.SigV4Error.INVALID_CLIENT_TOKEN_ID;
import static dev.berth.auth.SigV4Error.MISSING_AUTHENTICATION_TOKEN;
import static dev.berth.auth.SigV4Error.SIGNATURE_DOES_NOT_MATCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.auth.SdkSigning.Spec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** Every way a request is refused, with the AWS error code and the shape of the message. */
class SigV4RefusalTest {
    static final String EXPIRED_AKID = "ASIAEXPIREDEXAMPLE01";
    static final String LONG_TERM_WITH_TOKEN = "AKIAOTHEREXAMPLE0001";

    static final SecretLookup<String> SECRETS = key -> Optional.ofNullable(Map.of(
            AKID, AccessKeySecret.longTerm(SECRET, "user/admin"),
            TEMP_AKID, AccessKeySecret.temporary(TEMP_SECRET, SESSION_TOKEN, NOW.plusSeconds(3600), "role"),
            EXPIRED_AKID, AccessKeySecret.temporary(TEMP_SECRET, SESSION_TOKEN, NOW.minusSeconds(1), "old"),
            LONG_TERM_WITH_TOKEN, AccessKeySecret.longTerm(SECRET, "user/other")).get(key));

    record Case(String name, IncomingRequest request, Clock clock, SigV4Error error, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final IncomingRequest ECR = SdkSigning.sign(SigV4VerifierTest.ecr("{\"repositoryNames\":[\"app\"]}"),
            SdkSigning.longTerm(), "us-east-1", "ecr");
    static final IncomingRequest TEMP = SdkSigning.sign(SigV4VerifierTest.form("Action=GetCallerIdentity"),
            SdkSigning.temporary(), "us-east-1", "sts");
    static final IncomingRequest GET = SdkSigning.sign(Spec.get(SigV4VerifierTest.ENDPOINT, "/",
            Map.of("Action", List.of("ListRoles"), "MaxItems", List.of("10"))), SdkSigning.longTerm(),
            "us-east-1", "iam");
    static final IncomingRequest PRESIGNED = SdkSigning.presign(Spec.get(SigV4VerifierTest.ENDPOINT, "/",
            Map.of("Action", List.of("GetCallerIdentity"))), SdkSigning.longTerm(), "us-east-1", "sts",
            Duration.ofSeconds(60));
    static final String SCOPE = "/20261121/us-east-1/ecr/aws4_request";
    static final String SIG = "Signature=" + "0".repeat(64);

    static Stream<Case> cases() {
        Clock ok = SdkSigning.CLOCK;
        return Stream.of(
                new Case("no authentication at all", Requests.withoutHeader(ECR, "Authorization"), ok,
                        MISSING_AUTHENTICATION_TOKEN, "Request is missing Authentication Token"),
                new Case("tampered body", Requests.withBody(ECR, "{\"repositoryNames\":[\"other\"]}"), ok,
                        SIGNATURE_DOES_NOT_MATCH, "does not match"),
                new Case("tampered signed header", Requests.withHeader(ECR, "X-Amz-Target",
                        "AmazonEC2ContainerRegistry_V20150921.DeleteRepository"), ok, SIGNATURE_DOES_NOT_MATCH,
                        "does not match"),
                new Case("tampered method", Requests.withMethod(ECR, "PUT"), ok, SIGNATURE_DOES_NOT_MATCH,
                        "does not match"),
                new Case("tampered path", Requests.withPath(ECR, "/other"), ok, SIGNATURE_DOES_NOT_MATCH,
                        "does not match"),
                new Case("tampered query value", Requests.withQuery(GET, GET.rawQuery().replace("10", "1000")),
                        ok, SIGNATURE_DOES_NOT_MATCH, "does not match"),
                new Case("added query parameter", Requests.withQuery(GET, GET.rawQuery() + "&Marker=x"), ok,
                        SIGNATURE_DOES_NOT_MATCH, "does not match"),
                new Case("signed with the wrong secret", sign(AwsCredentialsIdentity.create(AKID, SECRET + "x")),
                        ok, SIGNATURE_DOES_NOT_MATCH, "does not match"),
                new Case("unknown access key", sign(AwsCredentialsIdentity.create("AKIAUNKNOWNEXAMPLE00", SECRET)),
                        ok, INVALID_CLIENT_TOKEN_ID, "The security token included in the request is invalid."),
                new Case("clock 16 minutes ahead of the request", ECR, offset(16), SIGNATURE_DOES_NOT_MATCH,
                        "Signature expired: 20261121T204932Z is now earlier than 20261121T205032Z"
                                + " (20261121T210532Z - 15 min.)"),
                new Case("request 16 minutes in the future", ECR, offset(-16), SIGNATURE_DOES_NOT_MATCH,
                        "Signature not yet current: 20261121T204932Z is still later than 20261121T204832Z"
                                + " (20261121T203332Z + 15 min.)"),
                new Case("presigned URL expired", PRESIGNED, Clock.offset(ok, Duration.ofSeconds(61)),
                        SIGNATURE_DOES_NOT_MATCH, "Signature expired: 20261121T205032Z is now earlier than"
                                + " 20261121T205033Z (20261121T204932Z + 60 sec.)"),
                new Case("presigned URL tampered", Requests.withQuery(PRESIGNED,
                        PRESIGNED.rawQuery().replace("GetCallerIdentity", "ListRoles")), ok,
                        SIGNATURE_DOES_NOT_MATCH, "does not match"),
                new Case("presigned URL with a longer X-Amz-Expires", Requests.withQuery(PRESIGNED,
                        PRESIGNED.rawQuery().replace("X-Amz-Expires=60", "X-Amz-Expires=600")), ok,
                        SIGNATURE_DOES_NOT_MATCH, "does not match"),
                new Case("presigned without X-Amz-Signature", Requests.withQuery(PRESIGNED,
                        PRESIGNED.rawQuery().replaceAll("&?X-Amz-Signature=[0-9a-f]+", "")), ok,
                        INCOMPLETE_SIGNATURE, "AWS query-string parameters must include 'X-Amz-Signature'."),
                new Case("presigned for more than a week", Requests.withQuery(PRESIGNED,
                        PRESIGNED.rawQuery().replace("X-Amz-Expires=60", "X-Amz-Expires=604801")), ok,
                        INCOMPLETE_SIGNATURE, "X-Amz-Expires must be less than a week"),
                new Case("presigned with another algorithm", Requests.withQuery(PRESIGNED,
                        PRESIGNED.rawQuery().replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA512")), ok,
                        INCOMPLETE_SIGNATURE, "X-Amz-Algorithm only supports"),
                new Case("header and query authentication together", Requests.withHeader(PRESIGNED,
                        "Authorization", ECR.headers().first("Authorization").orElseThrow()), ok,
                        INCOMPLETE_SIGNATURE, "Only one auth mechanism allowed"),
                new Case("host not signed", authorization("AWS4-HMAC-SHA256 Credential=" + AKID + SCOPE
                        + ", SignedHeaders=content-type;x-amz-date, " + SIG), ok, SIGNATURE_DOES_NOT_MATCH,
                        "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."),
                new Case("no Credential", authorization("AWS4-HMAC-SHA256 SignedHeaders=host, " + SIG), ok,
                        INCOMPLETE_SIGNATURE, "Authorization header requires 'Credential' parameter."),
                new Case("no Signature nor SignedHeaders", authorization("AWS4-HMAC-SHA256 Credential=" + AKID
                        + SCOPE), ok, INCOMPLETE_SIGNATURE, "Authorization header requires 'Signature' parameter."
                        + " Authorization header requires 'SignedHeaders' parameter."),
                new Case("algorithm alone", authorization("AWS4-HMAC-SHA256"), ok, INCOMPLETE_SIGNATURE,
                        "not a valid key=value pair (missing equal-sign)"),
                new Case("another algorithm", authorization("AWS4-ECDSA-P256-SHA256 Credential=" + AKID + SCOPE
                        + ", SignedHeaders=host, " + SIG), ok, INCOMPLETE_SIGNATURE, "Unsupported AWS 'algorithm'"),
                new Case("Basic credentials", authorization("Basic QVdTOnBhc3N3b3Jk"), ok, INCOMPLETE_SIGNATURE,
                        "Unsupported AWS 'algorithm': 'Basic'"),
                new Case("field without equal sign", authorization("AWS4-HMAC-SHA256 Credential=" + AKID + SCOPE
                        + ", SignedHeaders, " + SIG), ok, INCOMPLETE_SIGNATURE,
                        "'SignedHeaders' not a valid key=value"),
                new Case("field twice", authorization("AWS4-HMAC-SHA256 Credential=" + AKID + SCOPE
                        + ", SignedHeaders=host, " + SIG + ", " + SIG), ok, INCOMPLETE_SIGNATURE, "more than once"),
                new Case("credential with four parts", authorization("AWS4-HMAC-SHA256 Credential=" + AKID
                        + "/20261121/us-east-1/ecr, SignedHeaders=host, " + SIG), ok, INCOMPLETE_SIGNATURE,
                        "Credential must have exactly 5 slash-delimited elements"),
                new Case("credential with a bad terminator", authorization("AWS4-HMAC-SHA256 Credential=" + AKID
                        + "/20261121/us-east-1/ecr/aws5_request, SignedHeaders=host, " + SIG), ok,
                        SIGNATURE_DOES_NOT_MATCH, "valid terminator: 'aws4_request', not 'aws5_request'"),
                new Case("credential with a bad region", authorization("AWS4-HMAC-SHA256 Credential=" + AKID
                        + "/20261121/US_EAST/ecr/aws4_request, SignedHeaders=host, " + SIG), ok,
                        SIGNATURE_DOES_NOT_MATCH, "Credential should be scoped to a valid region, not 'US_EAST'."),
                new Case("scope date is not the request date", authorization("AWS4-HMAC-SHA256 Credential=" + AKID
                        + "/20261120/us-east-1/ecr/aws4_request, SignedHeaders=host, " + SIG), ok,
                        SIGNATURE_DOES_NOT_MATCH, "Date in Credential scope does not match YYYYMMDD"),
                new Case("service not served here", sign(SdkSigning.longTerm(), "s3"), ok, SIGNATURE_DOES_NOT_MATCH,
                        "Credential should be scoped to correct service: one of"),
                new Case("no X-Amz-Date", Requests.withoutHeader(ECR, "X-Amz-Date"), ok, INCOMPLETE_SIGNATURE,
                        "requires existence of either a 'X-Amz-Date' or a 'Date' header."),
                new Case("X-Amz-Date not in basic format", Requests.withHeader(ECR, "X-Amz-Date",
                        "2026-11-21T20:49:32Z"), ok, INCOMPLETE_SIGNATURE, "Date must be in ISO-8601 'basic format'"),
                new Case("two Authorization headers", Requests.withHeader(ECR, "Authorization",
                        ECR.headers().first("Authorization").orElseThrow(), "AWS4-HMAC-SHA256 x=y"), ok,
                        INCOMPLETE_SIGNATURE, "appears more than once"),
                new Case("payload hash header does not match the body", Requests.withHeader(ECR,
                        "X-Amz-Content-Sha256", Crypto.EMPTY_SHA256), ok, SIGNATURE_DOES_NOT_MATCH,
                        "'x-amz-content-sha256' header does not match"),
                new Case("unsigned payload on a header-signed request", Requests.withHeader(ECR,
                        "X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD"), ok, INCOMPLETE_SIGNATURE,
                        "accepted only on presigned URLs"),
                new Case("streaming payload", Requests.withHeader(ECR, "X-Amz-Content-Sha256",
                        "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"), ok, INCOMPLETE_SIGNATURE, "is not supported"),
                new Case("wrong session token", Requests.withHeader(TEMP, "X-Amz-Security-Token", "forged"), ok,
                        INVALID_CLIENT_TOKEN_ID, "The security token included in the request is invalid."),
                new Case("session token missing", Requests.withoutHeader(TEMP, "X-Amz-Security-Token"), ok,
                        INVALID_CLIENT_TOKEN_ID, "is invalid"),
                new Case("session token sent with a long-term key", sign(AwsSessionCredentialsIdentity.create(
                        LONG_TERM_WITH_TOKEN, SECRET, SESSION_TOKEN)), ok, INVALID_CLIENT_TOKEN_ID, "is invalid"),
                new Case("expired temporary credentials", sign(AwsSessionCredentialsIdentity.create(EXPIRED_AKID,
                        TEMP_SECRET, SESSION_TOKEN)), ok, EXPIRED_TOKEN,
                        "The security token included in the request is expired"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refused(Case c) {
        SigV4Verifier<String> verifier = SigV4Verifier.builder(SECRETS).clock(c.clock())
                .services(Set.of("ecr", "sts", "iam")).build();
        SigV4Exception e = refusal(verifier, c.request());
        assertThat(e.error()).isEqualTo(c.error());
        assertThat(e.getMessage()).contains(c.message())
                .doesNotContain(SECRET).doesNotContain(TEMP_SECRET).doesNotContain(SESSION_TOKEN)
                .doesNotContainPattern("[0-9a-f]{64}");
    }

    static SigV4Exception refusal(SigV4Verifier<?> verifier, IncomingRequest request) {
        return (SigV4Exception) assertThatThrownBy(() -> verifier.verify(request))
                .isInstanceOf(SigV4Exception.class).actual();
    }

    private static Clock offset(int minutes) {
        return Clock.offset(SdkSigning.CLOCK, Duration.ofMinutes(minutes));
    }

    private static IncomingRequest sign(AwsCredentialsIdentity creds) {
        return sign(creds, "ecr");
    }

    private static IncomingRequest sign(AwsCredentialsIdentity creds, String service) {
        return SdkSigning.sign(SigV4VerifierTest.ecr("{}"), creds, "us-east-1", service);
    }

    private static IncomingRequest authorization(String value) {
        return Requests.withHeader(ECR, "Authorization", value);
    }
}
