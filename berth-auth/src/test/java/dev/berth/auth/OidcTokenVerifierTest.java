package dev.berth.auth;

import static dev.berth.auth.WebIdentityError.EXPIRED_TOKEN;
import static dev.berth.auth.WebIdentityError.IDP_COMMUNICATION_ERROR;
import static dev.berth.auth.WebIdentityError.INVALID_IDENTITY_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.berth.iam.Arn;
import dev.berth.iam.Policy;
import dev.berth.iam.PolicyEvaluator;
import dev.berth.iam.PolicyKind;
import dev.berth.iam.RequestContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tokens minted by a real OIDC issuer on a loopback port, validated end to end over HTTP. */
class OidcTokenVerifierTest {
    static final Instant NOW = Instant.parse("2026-11-21T20:49:32Z");
    static final String ACCOUNT = "123456789012";

    final TestIssuer issuer = new TestIssuer();
    final MutableClock clock = new MutableClock(NOW);
    final OidcProvider provider = provider(issuer.url);
    final OidcTokenVerifier verifier = verifierFor(provider);

    @AfterEach
    void stop() {
        issuer.close();
    }

    static OidcProvider provider(String issuerUrl) {
        String url = IssuerUrl.parse(issuerUrl).providerUrl();
        return new OidcProvider(Arn.parse("arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + url), url,
                Set.of("sts.amazonaws.com"), List.of("6938fd4d98bab03faadb97b34396831e3780aea1"));
    }

    OidcTokenVerifier verifierFor(OidcProvider... providers) {
        Map<String, OidcProvider> byUrl = new java.util.HashMap<>();
        for (OidcProvider p : providers) {
            byUrl.put(p.url(), p);
        }
        return OidcTokenVerifier.builder(url -> Optional.ofNullable(byUrl.get(url))).clock(clock).build();
    }

    WebIdentityException refusal(String token) {
        return (WebIdentityException) assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOf(WebIdentityException.class).actual();
    }

    @Test
    void validRs256GithubToken() {
        VerifiedWebIdentity id = verifier.verify(issuer.mint(TestIssuer.RSA, JWSAlgorithm.RS256, NOW));
        assertThat(id.issuer()).isEqualTo(issuer.url);
        assertThat(id.providerArn()).isEqualTo(provider.arn());
        assertThat(id.subject()).isEqualTo("repo:acme/app:ref:refs/heads/main");
        assertThat(id.audience()).isEqualTo("sts.amazonaws.com");
        assertThat(id.claims()).containsEntry("repository", "acme/app").containsEntry("run_id", "987654321")
                .containsEntry("exp", NOW.plusSeconds(300).getEpochSecond());
        assertThat(id.expiresAt()).isEqualTo(NOW.plusSeconds(300));
        assertThat(issuer.discoveryHits.get()).isEqualTo(1);
        assertThat(issuer.jwksHits.get()).isEqualTo(1);
    }

    @Test
    void validEs256Token() {
        VerifiedWebIdentity id = verifier.verify(issuer.mint(TestIssuer.EC, JWSAlgorithm.ES256, NOW));
        assertThat(id.subject()).isEqualTo("repo:acme/app:ref:refs/heads/main");
    }

    @Test
    void verifiedIdentityFeedsTheTrustPolicy() {
        String prefix = provider.url();
        Policy trust = Policy.parse(PolicyKind.TRUST, """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                  "Principal": {"Federated": "%s"},
                  "Action": "sts:AssumeRoleWithWebIdentity",
                  "Condition": {"StringEquals": {"%s:aud": "sts.amazonaws.com", "%s:environment": "production"},
                                "StringLike": {"%s:sub": "repo:acme/app:ref:refs/heads/*"}}}]}"""
                .formatted(provider.arn(), prefix, prefix, prefix));
        Arn role = Arn.parse("arn:aws:iam::" + ACCOUNT + ":role/push");
        VerifiedWebIdentity main = verifier.verify(issuer.mint(TestIssuer.RSA, JWSAlgorithm.RS256, NOW));
        VerifiedWebIdentity pr = verifier.verify(issuer.mint(TestIssuer.RSA, JWSAlgorithm.RS256, NOW,
                c -> c.subject("repo:acme/app:pull_request")));
        RequestContext allowed = main.assumeRoleContext(role, NOW).build();
        assertThat(PolicyEvaluator.evaluateTrust(allowed, trust).allowed()).isTrue();
        assertThat(PolicyEvaluator.evaluateTrust(pr.assumeRoleContext(role, NOW).build(), trust).allowed()).isFalse();
    }

    @Test
    void audienceMayBeAList() {
        String token = issuer.mint(TestIssuer.RSA, JWSAlgorithm.RS256, NOW,
                c -> c.audience(List.of("https://github.com/acme", "sts.amazonaws.com")));
        assertThat(verifier.verify(token).audience()).isEqualTo("sts.amazonaws.com");
    }

    @Test
    void wrongAudience() {
        WebIdentityException e = refusal(issuer.mint(TestIssuer.RSA, JWSAlgorithm.RS256, NOW,
                c -> c.audience("https://github.com/acme")));
        assertThat(e.error()).isEqualTo(INVALID_IDENTITY_TOKEN);
        assertThat(e.getMessage()).isEqualTo("Incorrect token audience");
        assertThat(issuer.jwksHits.get()).isZero();
    }

    @Test
    void expiredToken() {
        String token = issuer.mint(TestIssuer.RSA, JWSAlgorithm.RS256, NOW.minusSeconds(3600));
        WebIdentityException e = refusal(token);
        assertThat(e.error()).isEqualTo(EXPIRED_TOKEN);
        assertThat(e.error().code()).isEqualTo("ExpiredTokenException");
        assertThat(e.getMessage()).startsWith("Token expired: current date/time " + NOW.getEpochSecond());
    }

    @Test
    void expiryHasALeeway() {
        String token = issuer.mint(TestIssuer.RSA, JWSAlgorithm.RS256, NOW.minusSeconds(330));
        assertThat(verifier.verify(token).subject()).isNotEmpty();
        clock.advance(Duration.ofSeconds(31));
        assertThat(refusal(token).error()).isEqualTo(EXPIRED_TOKEN);
    }

    @Test
    void notBeforeInTheFuture() {
        WebIdentityException e = refusal(issuer.mint(TestIssuer.RSA, JWSAlgorithm.RS256, NOW,
                c -> c.notBeforeTime(java.util.Date.from(NOW.plusSeconds(120)))));
        assertThat(e.error()).isEqualTo(INVALID_IDENTITY_TOKEN);
        assertThat(e.getMessage()).contains("not yet valid");
        // within the leeway
        verifier.verify(issuer.mint(TestIssuer.RSA, JWSAlgorithm.RS256, NOW,
                c -> c.notBeforeTime(java.util.Date.from(NOW.plusSeconds(30)))));
    }

    @Test
    void issuedInTheFuture() {
        WebIdentityException e = refusal(issuer.mint(TestIssuer.RSA, JWSAlgorithm.RS256, NOW.plusSeconds(600)));
        assertThat(e.error()).isEqualTo(INVALID_IDENTITY_TOKEN);
    }

    @Test
    void missingExpOrSub() {
        assertThat(refusal(issuer.mint(TestIssuer.RSA, JWSAlgorithm.RS256, NOW, c -> c.expirationTime(null)))
                .getMessage()).contains("no exp claim");
        assertThat(refusal(issuer.mint(TestIssuer.RSA, JWSAlgorithm.RS256, NOW, c -> c.subject(null)))
                .getMessage()).contains("no sub claim");
    }

    @Test
    void forgedSignatureWithAnotherKeyUnderTheSameKid() {
        RSAKey impostor = TestIssuer.rsa("rsa-1");
        WebIdentityException e = refusal(issuer.mint(impostor, JWSAlgorithm.RS256, NOW));
        assertThat(e.error()).isEqualTo(INVALID_IDENTITY_TOKEN);
        assertThat(e.getMessage()).contains("signature");
    }

    @Test
    void tamperedClaims() {
        String token = issuer.mint(TestIssuer.RSA, JWSAlgorithm.RS256, NOW);
        String[] parts = token.split("\\.");
        String payload = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8)
                .replace("refs/heads/main", "refs/heads/evil");
        String forged = parts[0] + "." + Base64URL.encode(payload) + "." + parts[2];
        assertThat(refusal(forged).getMessage()).contains("signature");
    }

    @Test
    void algNoneIsRefused() {
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}").toString();
        String claims = Base64URL.encode("{\"iss\":\"" + issuer.url + "\","
                + "\"sub\":\"repo:acme/app:ref:refs/heads/main\","
                + "\"aud\":\"sts.amazonaws.com\",\"exp\":" + NOW.plusSeconds(300).getEpochSecond() + "}").toString();
        WebIdentityException e = refusal(header + "." + claims + ".");
        assertThat(e.error()).isEqualTo(INVALID_IDENTITY_TOKEN);
        assertThat(e.getMessage()).contains("alg: none");
        String uppercase = Base64URL.encode("{\"alg\":\"NONE\"}").toString();
        assertThat(refusal(uppercase + "." + claims + ".").error()).isEqualTo(INVALID_IDENTITY_TOKEN);
        assertThat(issuer.jwksHits.get()).isZero();
    }

    @Test
    void hmacIsRefusedEvenWithThePublicKeyAsSecret() throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer.url).subject("repo:acme/app:ref:refs/heads/main")
                .audience("sts.amazonaws.com").expirationTime(java.util.Date.from(NOW.plusSeconds(300))).build();
        for (byte[] secret : List.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8),
                TestIssuer.RSA.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8))) {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), claims);
            jwt.sign(new MACSigner(secret));
            WebIdentityException e = refusal(jwt.serialize());
            assertThat(e.error()).isEqualTo(INVALID_IDENTITY_TOKEN);
            assertThat(e.getMessage()).contains("HS256 is not accepted");
        }
    }

    @Test
    void unknownIssuer() {
        String token = issuer.mint(TestIssuer.RSA, JWSAlgorithm.RS256, NOW,
                c -> c.issuer("https://token.actions.githubusercontent.com"));
        WebIdentityException e = refusal(token);
        assertThat(e.error()).isEqualTo(INVALID_IDENTITY_TOKEN);
        assertThat(e.getMessage()).isEqualTo("No OpenIDConnect provider found in your account for"
                + " https://token.actions.githubusercontent.com");
        assertThat(issuer.discoveryHits.get()).isZero();
    }

    @Test
    void plainHttpIssuerOffLoopbackIsRefusedEvenWhenRegistered() {
        OidcTokenVerifier v = verifierFor(provider("https://ci.example.com"));
        String token = issuer.mint(TestIssuer.RSA, JWSAlgorithm.RS256, NOW, c -> c.issuer("http://ci.example.com"));
        WebIdentityException e = (WebIdentityException) assertThatThrownBy(() -> v.verify(token)).actual();
        assertThat(e.error()).isEqualTo(INVALID_IDENTITY_TOKEN);
        assertThat(e.getMessage()).contains("must use https");
    }

    @Test
    void issuerDown() {
        issuer.close();
        WebIdentityException e = refusal(issuer.mint(TestIssuer.RSA, JWSAlgorithm.RS256, NOW));
        assertThat(e.error()).isEqualTo(IDP_COMMUNICATION_ERROR);
        assertThat(e.getMessage()).startsWith("Couldn't retrieve verification key from your identity provider");
        assertThat(e.getCause()).hasMessageContaining("/.well-known/openid-configuration");
    }

    @Test
    void issuerFailingThenRecovering() {
        issuer.failing = true;
        String token = issuer.mint(TestIssuer.RSA, JWSAlgorithm.RS256, NOW);
        assertThat(refusal(token).error()).isEqualTo(IDP_COMMUNICATION_ERROR);
        issuer.failing = false;
        // the failure is remembered for the refetch interval: no new request to the issuer
        assertThat(refusal(token).error()).isEqualTo(IDP_COMMUNICATION_ERROR);
        assertThat(issuer.discoveryHits.get()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(30));
        assertThat(verifier.verify(token).subject()).isNotEmpty();
        assertThat(issuer.discoveryHits.get()).isEqualTo(2);
    }

    @Test
    void discoveryNamingAnotherIssuer() {
        issuer.declaredIssuer = "https://token.actions.githubusercontent.com";
        WebIdentityException e = refusal(issuer.mint(TestIssuer.RSA, JWSAlgorithm.RS256, NOW));
        assertThat(e.error()).isEqualTo(IDP_COMMUNICATION_ERROR);
        assertThat(e.getCause()).hasMessageContaining("names issuer 'https://token.actions.githubusercontent.com'");
    }

    @Test
    void garbageTokens() {
        for (String garbage : List.of("not-a-jwt", "a.b.c", "eyJ.eyJ.", " ", "x".repeat(20_001))) {
            WebIdentityException e = refusal(garbage);
            assertThat(e.error()).as(garbage).isEqualTo(INVALID_IDENTITY_TOKEN);
        }
        assertThat(refusal(null).error()).isEqualTo(INVALID_IDENTITY_TOKEN);
    }

    @Test
    void keyRotationRefetchesWhenAnUnknownKidAppears() {
        verifier.verify(issuer.mint(TestIssuer.RSA, JWSAlgorithm.RS256, NOW));
        RSAKey next = TestIssuer.rsa("rsa-2");
        issuer.published = new JWKSet(List.of(TestIssuer.RSA.toPublicJWK(), next.toPublicJWK()));
        clock.advance(Duration.ofSeconds(31));
        VerifiedWebIdentity id = verifier.verify(issuer.mint(next, JWSAlgorithm.RS256, clock.instant()));
        assertThat(id.subject()).isEqualTo("repo:acme/app:ref:refs/heads/main");
        assertThat(issuer.jwksHits.get()).isEqualTo(2);
        // the old key keeps working from the cache
        verifier.verify(issuer.mint(TestIssuer.RSA, JWSAlgorithm.RS256, clock.instant()));
        assertThat(issuer.jwksHits.get()).isEqualTo(2);
    }

    @Test
    void unknownKidRefetchesAtMostOncePer30Seconds() {
        verifier.verify(issuer.mint(TestIssuer.RSA, JWSAlgorithm.RS256, NOW));
        RSAKey stranger = TestIssuer.rsa("made-up");
        for (int i = 0; i < 5; i++) {
            WebIdentityException e = refusal(issuer.mint(stranger, JWSAlgorithm.RS256, NOW));
            assertThat(e.error()).isEqualTo(INVALID_IDENTITY_TOKEN);
            assertThat(e.getMessage()).contains("no key with the token's kid");
        }
        assertThat(issuer.jwksHits.get()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(30));
        refusal(issuer.mint(stranger, JWSAlgorithm.RS256, clock.instant()));
        refusal(issuer.mint(stranger, JWSAlgorithm.RS256, clock.instant()));
        assertThat(issuer.jwksHits.get()).isEqualTo(2);
    }

    @Test
    void keysAreFetchedAgainAfterTheTtl() {
        verifier.verify(issuer.mint(TestIssuer.RSA, JWSAlgorithm.RS256, NOW));
        clock.advance(Duration.ofMinutes(14));
        verifier.verify(issuer.mint(TestIssuer.RSA, JWSAlgorithm.RS256, clock.instant()));
        assertThat(issuer.jwksHits.get()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(2));
        verifier.verify(issuer.mint(TestIssuer.RSA, JWSAlgorithm.RS256, clock.instant()));
        assertThat(issuer.jwksHits.get()).isEqualTo(2);
    }

    @Test
    void aRevokedKeyStopsWorkingAfterTheTtl() {
        verifier.verify(issuer.mint(TestIssuer.RSA, JWSAlgorithm.RS256, NOW));
        issuer.published = new JWKSet(List.of(TestIssuer.EC.toPublicJWK()));
        clock.advance(Duration.ofMinutes(16));
        WebIdentityException e = refusal(issuer.mint(TestIssuer.RSA, JWSAlgorithm.RS256, clock.instant()));
        assertThat(e.getMessage()).contains("no key with the token's kid");
    }

    @Test
    void weakRsaKeysAreNotUsed() {
        RSAKey weak = TestIssuer.rsa("weak", 1024);
        issuer.published = new JWKSet(List.of(weak.toPublicJWK()));
        assertThat(refusal(issuer.mint(weak, JWSAlgorithm.RS256, NOW)).getMessage()).contains("signature");
    }

    @Test
    void algorithmMustFitTheKey() throws JOSEException {
        // signed with the EC key but naming the RSA key's id: no key fits ES256 under that id
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("rsa-1").build(), claims());
        jwt.sign(new ECDSASigner(TestIssuer.EC));
        assertThat(refusal(jwt.serialize()).getMessage()).contains("signature");
    }

    @Test
    void tokenWithoutKidTriesEveryFittingKey() throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).build(), claims());
        jwt.sign(new ECDSASigner(TestIssuer.EC));
        assertThat(verifier.verify(jwt.serialize()).subject()).isEqualTo("repo:acme/app:ref:refs/heads/main");
    }

    private JWTClaimsSet claims() {
        return new JWTClaimsSet.Builder().issuer(issuer.url).subject("repo:acme/app:ref:refs/heads/main")
                .audience("sts.amazonaws.com").expirationTime(java.util.Date.from(NOW.plusSeconds(60))).build();
    }
}
