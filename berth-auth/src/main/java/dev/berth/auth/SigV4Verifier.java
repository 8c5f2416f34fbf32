package dev.berth.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Verifies AWS Signature Version 4 on an incoming request, in the {@code Authorization} header form and the
 * presigned query-string form, as AWS does for non-S3 services (spec section 1.4; {@code docs/auth.md} lists the
 * rules). The region and service come from the request's credential scope; any region is accepted unless
 * {@link Builder#regions} restricts them, and {@link Builder#services} can restrict the services.
 *
 * <p>Checks, in order: the authentication is well formed; the scope date is the request date's; the service (and
 * region) is allowed; the request time is within the clock skew (or a presigned URL has not expired); the access
 * key is known; a session token matches the one issued with the key; temporary credentials have not expired; the
 * payload hash header, when sent, is the body's; the signature matches (constant time).
 *
 * <p>Immutable and thread-safe. Failures are {@link SigV4Exception}s whose messages never hold a secret, a session
 * token or the signature the server computed.
 *
 * @param <P> the principal type the {@link SecretLookup} hands back
 */
public final class SigV4Verifier<P> {
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private final SecretLookup<P> secrets;
    private final Clock clock;
    private final Set<String> services;
    private final Set<String> regions;
    private final Duration maxSkew;

    private SigV4Verifier(Builder<P> b) {
        this.secrets = b.secrets;
        this.clock = b.clock;
        this.services = b.services;
        this.regions = b.regions;
        this.maxSkew = b.maxSkew;
    }

    public static <P> Builder<P> builder(SecretLookup<P> secrets) {
        return new Builder<>(secrets);
    }

    /**
     * True when the request carries SigV4 authentication at all (an {@code Authorization} header or an
     * {@code X-Amz-Algorithm} query parameter); lets the caller route unsigned operations such as
     * {@code AssumeRoleWithWebIdentity} before verifying.
     */
    public static boolean isSigned(IncomingRequest request) {
        return SigV4Authorization.present(request, QueryParameters.parse(request.rawQuery()));
    }

    /**
     * Verifies the request's signature.
     *
     * @throws SigV4Exception when the request is not authenticated; {@link SigV4Exception#error()} tells why
     */
    public VerifiedRequest<P> verify(IncomingRequest request) {
        Objects.requireNonNull(request, "request");
        QueryParameters query = QueryParameters.parse(request.rawQuery());
        SigV4Authorization auth = SigV4Authorization.parse(request, query);
        CredentialScope scope = auth.credential();
        checkScope(auth, scope);
        Instant now = clock.instant();
        RequestTime.check(auth, now, maxSkew);
        String payloadHash = payloadHash(request, auth);

        AccessKeySecret<P> secret = secrets.find(scope.accessKeyId()).orElseThrow(
                () -> new SigV4Exception(SigV4Error.INVALID_CLIENT_TOKEN_ID, SigV4Exception.INVALID_TOKEN));
        checkSessionToken(auth, secret);
        if (secret.expiresAt() != null && !now.isBefore(secret.expiresAt())) {
            throw new SigV4Exception(SigV4Error.EXPIRED_TOKEN, SigV4Exception.EXPIRED_TOKEN);
        }
        byte[] key = Crypto.signingKey(secret.secretAccessKey(), scope.date(), scope.region(), scope.service());
        boolean matches = signatureMatches(key, request, query, auth, payloadHash);
        if (!matches && auth.presigned() && payloadHash.equals(request.payloadSha256())) {
            matches = signatureMatches(key, request, query, auth, UNSIGNED_PAYLOAD);
        }
        if (!matches) {
            throw SigV4Exception.mismatch(SigV4Exception.SIGNATURE_MISMATCH);
        }
        return new VerifiedRequest<>(scope.accessKeyId(), scope.region(), scope.service(), secret.principal(),
                auth.requestTime(), auth.presigned());
    }

    private void checkScope(SigV4Authorization auth, CredentialScope scope) {
        String requestDay = auth.amzDate().substring(0, 8);
        if (!scope.date().equals(requestDay)) {
            throw SigV4Exception.mismatch("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of"
                    + " date from HTTP: '" + scope.date() + "' != '" + requestDay + "', from '" + auth.amzDate()
                    + "'.");
        }
        if (!services.isEmpty() && !services.contains(scope.service())) {
            throw SigV4Exception.mismatch("Credential should be scoped to correct service: "
                    + (services.size() == 1 ? "'" + services.iterator().next() + "'" : "one of " + services) + ".");
        }
        if (!regions.isEmpty() && !regions.contains(scope.region())) {
            throw SigV4Exception.mismatch("Credential should be scoped to a valid region, not '" + scope.region()
                    + "'.");
        }
    }

    /**
     * The payload hash line: {@code x-amz-content-sha256} when sent (it must then be the body's hash, or
     * {@code UNSIGNED-PAYLOAD} on a presigned URL), else the SHA-256 of the body received.
     */
    private static String payloadHash(IncomingRequest request, SigV4Authorization auth) {
        var declared = request.headers().all("X-Amz-Content-Sha256");
        if (declared.isEmpty()) {
            return request.payloadSha256();
        }
        if (declared.size() > 1) {
            throw SigV4Exception.incomplete("x-amz-content-sha256 header appears more than once");
        }
        String value = declared.get(0).strip();
        if (value.equals(UNSIGNED_PAYLOAD)) {
            if (!auth.presigned()) {
                throw SigV4Exception.incomplete("x-amz-content-sha256 UNSIGNED-PAYLOAD is accepted only on presigned"
                        + " URLs by this service");
            }
            return value;
        }
        if (!SHA256_HEX.matcher(value).matches()) {
            throw SigV4Exception.incomplete("x-amz-content-sha256 must be the hex SHA-256 of the payload; '"
                    + CredentialScope.printable(value) + "' is not supported by this service");
        }
        if (!value.toLowerCase(Locale.ROOT).equals(request.payloadSha256())) {
            throw SigV4Exception.mismatch("The provided 'x-amz-content-sha256' header does not match what was"
                    + " computed.");
        }
        return value;
    }

    private static void checkSessionToken(SigV4Authorization auth, AccessKeySecret<?> secret) {
        String sent = auth.securityToken();
        String issued = secret.sessionTokenSha256();
        boolean ok = issued == null ? sent == null : sent != null && Crypto.constantTimeEquals(issued, Crypto.sha256Hex(sent));
        if (!ok) {
            throw new SigV4Exception(SigV4Error.INVALID_CLIENT_TOKEN_ID, SigV4Exception.INVALID_TOKEN);
        }
    }

    private static boolean signatureMatches(byte[] key, IncomingRequest request, QueryParameters query,
            SigV4Authorization auth, String payloadHash) {
        String canonical = CanonicalRequest.of(request, query, auth, payloadHash);
        String expected = Crypto.signature(key, CanonicalRequest.stringToSign(auth, canonical));
        return Crypto.constantTimeEquals(expected, auth.signature());
    }

    /** Configures a verifier; {@link #build} validates and freezes. Not thread-safe. */
    public static final class Builder<P> {
        private final SecretLookup<P> secrets;
        private Clock clock = Clock.systemUTC();
        private Set<String> services = Set.of();
        private Set<String> regions = Set.of();
        private Duration maxSkew = Duration.ofMinutes(15);

        private Builder(SecretLookup<P> secrets) {
            this.secrets = Objects.requireNonNull(secrets, "secrets");
        }

        /** The server's clock (default: system UTC). */
        public Builder<P> clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The signing names accepted in the credential scope, e.g. {@code ecr, sts, iam}; none given: any. */
        public Builder<P> services(Set<String> services) {
            this.services = Set.copyOf(services);
            return this;
        }

        /** The regions accepted in the credential scope; none given (the default): any well-formed region. */
        public Builder<P> regions(Set<String> regions) {
            this.regions = Set.copyOf(regions);
            return this;
        }

        /** How far the request time may be from the server's, either way (default 15 minutes). */
        public Builder<P> maxClockSkew(Duration maxSkew) {
            if (maxSkew.isNegative() || maxSkew.isZero()) {
                throw new IllegalArgumentException("maxClockSkew must be positive: " + maxSkew);
            }
            this.maxSkew = maxSkew;
            return this;
        }

        public SigV4Verifier<P> build() {
            return new SigV4Verifier<>(this);
        }
    }
}
