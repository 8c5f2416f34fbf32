package dev.berth.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which JWS algorithms are accepted, and the check of a token's signature against an issuer's keys: the keys with
 * the token's {@code kid} (all keys when it has none) whose type fits the algorithm (RSA of at least 2048 bits for
 * {@code RS*}; EC on the matching curve for {@code ES*}), whose {@code use} is absent or {@code sig} and whose
 * {@code alg}, if any, is the token's. Stateless.
 */
final class TokenSignatures {
    /** RS256/384/512 and ES256/384; never {@code none}, never HMAC (a shared secret is not an identity). */
    static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384);
    private static final Map<JWSAlgorithm, Curve> CURVES = Map.of(JWSAlgorithm.ES256, Curve.P_256,
            JWSAlgorithm.ES384, Curve.P_384);
    private static final int MIN_RSA_BITS = 2048;

    private TokenSignatures() {}

    /** True when one of the issuer's fitting keys verifies the token's signature. */
    static boolean verify(SignedJWT jwt, JWKSet keys) {
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        String kid = jwt.getHeader().getKeyID();
        List<JWK> candidates = kid == null ? keys.getKeys() : keys.getKeys().stream()
                .filter(k -> kid.equals(k.getKeyID())).toList();
        for (JWK key : candidates) {
            JWSVerifier verifier = verifierFor(key, alg);
            try {
                if (verifier != null && jwt.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException e) {
                // a key that cannot check this token is no match; try the next one
            }
        }
        return false;
    }

    /** True when the issuer publishes a key with this id. */
    static boolean hasKey(JWKSet keys, String kid) {
        return kid == null || keys.getKeyByKeyId(kid) != null;
    }

    private static JWSVerifier verifierFor(JWK key, JWSAlgorithm alg) {
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            return null;
        }
        if (key.getAlgorithm() != null && !key.getAlgorithm().equals(alg)) {
            return null;
        }
        try {
            if (JWSAlgorithm.Family.RSA.contains(alg) && key instanceof RSAKey rsa && rsa.size() >= MIN_RSA_BITS) {
                return new RSASSAVerifier(rsa);
            }
            if (CURVES.containsKey(alg) && key instanceof ECKey ec && CURVES.get(alg).equals(ec.getCurve())) {
                return new ECDSAVerifier(ec);
            }
        } catch (JOSEException e) {
            return null;
        }
        return null;
    }
}
