package dev.berth.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;

/**
 * Validates the web identity token of STS {@code AssumeRoleWithWebIdentity} (spec section 4.1), in this order:
 * <ol>
 *   <li>it is a compact JWS (not {@code alg: none}, not encrypted) of at most 20,000 characters, signed with
 *       RS256/384/512 or ES256/384 (HMAC refused);</li>
 *   <li>{@code iss} is an https URL (http only for loopback hosts) registered as an IAM OIDC provider, compared the
 *       way IAM does: the URL without its scheme;</li>
 *   <li>{@code aud} (a string or any element of a list) is one of the provider's client IDs;</li>
 *   <li>the signature verifies with a key from the issuer's JWKS (discovery, caching and refresh in
 *       {@link JwksCache}: the issuer is fetched only after it matched a registered provider);</li>
 *   <li>{@code exp} is present and not past, {@code nbf} and {@code iat} are not in the future, each with the
 *       leeway; {@code sub} is present.</li>
 * </ol>
 * Refusals are {@link WebIdentityException}s with STS's codes. Thread-safe.
 */
public final class OidcTokenVerifier {
    static final int MAX_TOKEN_LENGTH = 20_000;

    private final ProviderLookup providers;
    private final Clock clock;
    private final Duration leeway;
    private final JwksCache keys;

    private OidcTokenVerifier(Builder b) {
        this.providers = b.providers;
        this.clock = b.clock;
        this.leeway = b.leeway;
        this.keys = new JwksCache(b.fetcher, b.clock, b.jwksTtl, b.minRefetchInterval);
    }

    public static Builder builder(ProviderLookup providers) {
        return new Builder(providers);
    }

    /**
     * @param token the compact JWT as sent in {@code WebIdentityToken}
     * @throws WebIdentityException when the token is refused; {@link WebIdentityException#error()} tells why
     */
    public VerifiedWebIdentity verify(String token) {
        SignedJWT jwt = parse(token);
        JWTClaimsSet claims = claims(jwt);
        IssuerUrl issuer = issuer(claims);
        OidcProvider provider = providers.find(issuer.providerUrl()).orElseThrow(() -> WebIdentityException.invalid(
                "No OpenIDConnect provider found in your account for " + issuer));
        String audience = claims.getAudience().stream().filter(provider.clientIds()::contains).findFirst()
                .orElseThrow(() -> WebIdentityException.invalid("Incorrect token audience"));

        String kid = jwt.getHeader().getKeyID();
        var issuerKeys = keys.keys(issuer, kid);
        if (!TokenSignatures.hasKey(issuerKeys, kid)) {
            throw WebIdentityException.invalid("The issuer " + issuer + " has no key with the token's kid");
        }
        if (!TokenSignatures.verify(jwt, issuerKeys)) {
            throw WebIdentityException.invalid("The signature of the web identity token could not be verified");
        }
        checkTimes(claims);
        String subject = claims.getSubject();
        if (subject == null || subject.isEmpty()) {
            throw WebIdentityException.invalid("The web identity token has no sub claim");
        }
        return new VerifiedWebIdentity(issuer.url(), provider.arn(), subject, audience, claims.toJSONObject());
    }

    private static SignedJWT parse(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
            throw WebIdentityException.invalid("The web identity token is empty or longer than "
                    + MAX_TOKEN_LENGTH + " characters");
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token.strip());
        } catch (ParseException e) {
            throw WebIdentityException.invalid("The web identity token is not a well-formed JWT");
        }
        if (jwt instanceof PlainJWT) {
            throw WebIdentityException.invalid("Unsigned tokens (alg: none) are not accepted");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw WebIdentityException.invalid("Encrypted tokens are not accepted");
        }
        JWSAlgorithm alg = signed.getHeader().getAlgorithm();
        if (!TokenSignatures.ALLOWED.contains(alg)) {
            throw WebIdentityException.invalid("The token's signing algorithm " + alg + " is not accepted; use one of"
                    + " RS256, RS384, RS512, ES256, ES384");
        }
        return signed;
    }

    private static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw WebIdentityException.invalid("The claims of the web identity token are not a valid JSON object");
        }
    }

    private static IssuerUrl issuer(JWTClaimsSet claims) {
        Object iss = claims.getClaim("iss");
        if (!(iss instanceof String text) || text.isEmpty()) {
            throw WebIdentityException.invalid("The web identity token has no iss claim");
        }
        try {
            return IssuerUrl.parse(text);
        } catch (IllegalArgumentException e) {
            throw WebIdentityException.invalid("The token issuer is not acceptable: " + e.getMessage());
        }
    }

    private void checkTimes(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Instant exp = instant(claims, "exp");
        if (exp == null) {
            throw WebIdentityException.invalid("The web identity token has no exp claim");
        }
        if (now.isAfter(exp.plus(leeway))) {
            throw new WebIdentityException(WebIdentityError.EXPIRED_TOKEN, "Token expired: current date/time "
                    + now.getEpochSecond() + " must be before the expiration date/time " + exp.getEpochSecond());
        }
        Instant latest = now.plus(leeway);
        Instant nbf = instant(claims, "nbf");
        if (nbf != null && nbf.isAfter(latest)) {
            throw WebIdentityException.invalid("Token is not yet valid: nbf " + nbf.getEpochSecond()
                    + " is after the current date/time " + now.getEpochSecond());
        }
        Instant iat = instant(claims, "iat");
        if (iat != null && iat.isAfter(latest)) {
            throw WebIdentityException.invalid("Token was issued in the future: iat " + iat.getEpochSecond()
                    + " is after the current date/time " + now.getEpochSecond());
        }
    }

    private static Instant instant(JWTClaimsSet claims, String name) {
        try {
            Date date = claims.getDateClaim(name);
            return date == null ? null : date.toInstant();
        } catch (ParseException e) {
            throw WebIdentityException.invalid("The " + name + " claim is not a NumericDate");
        }
    }

    /** Configures a verifier; {@link #build} freezes it. Not thread-safe. */
    public static final class Builder {
        private final ProviderLookup providers;
        private Clock clock = Clock.systemUTC();
        private Duration leeway = Duration.ofSeconds(60);
        private JwksFetcher fetcher;
        private Duration jwksTtl = Duration.ofMinutes(15);
        private Duration minRefetchInterval = Duration.ofSeconds(30);

        private Builder(ProviderLookup providers) {
            this.providers = Objects.requireNonNull(providers, "providers");
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Tolerance for {@code exp}, {@code nbf} and {@code iat} against the clock (default 60 s). */
        public Builder leeway(Duration leeway) {
            this.leeway = nonNegative(leeway, "leeway");
            return this;
        }

        /** How keys are fetched (default: {@link HttpJwksFetcher#create()}). */
        public Builder fetcher(JwksFetcher fetcher) {
            this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
            return this;
        }

        /** How long fetched keys are used before they are fetched again (default 15 minutes). */
        public Builder jwksTtl(Duration ttl) {
            this.jwksTtl = nonNegative(ttl, "jwksTtl");
            return this;
        }

        /** The least time between two fetches of one issuer's keys (default 30 s). */
        public Builder minRefetchInterval(Duration interval) {
            this.minRefetchInterval = nonNegative(interval, "minRefetchInterval");
            return this;
        }

        public OidcTokenVerifier build() {
            if (fetcher == null) {
                fetcher = HttpJwksFetcher.create();
            }
            return new OidcTokenVerifier(this);
        }

        private static Duration nonNegative(Duration d, String name) {
            if (Objects.requireNonNull(d, name).isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + d);
            }
            return d;
        }
    }
}
