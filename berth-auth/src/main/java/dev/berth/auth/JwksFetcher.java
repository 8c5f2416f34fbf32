package dev.berth.auth;

import com.nimbusds.jose.jwk.JWKSet;

/**
 * Fetches an issuer's current signing keys. The production implementation is {@link HttpJwksFetcher}; tests may
 * substitute fakes. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface JwksFetcher {
    /**
     * @return the issuer's public keys
     * @throws WebIdentityException with {@link WebIdentityError#IDP_COMMUNICATION_ERROR} when the keys cannot be
     *     fetched or read
     */
    JWKSet fetch(IssuerUrl issuer);
}
