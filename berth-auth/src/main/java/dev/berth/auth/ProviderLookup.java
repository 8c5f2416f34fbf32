package dev.berth.auth;

import java.util.Optional;

/**
 * Finds the IAM OIDC provider registered for an issuer. Called once per token, from many threads; must be
 * thread-safe.
 */
@FunctionalInterface
public interface ProviderLookup {
    /**
     * @param providerUrl the token issuer in IAM's stored form, {@link IssuerUrl#providerUrl()}: no scheme, no
     *     trailing slash, case preserved ({@code token.actions.githubusercontent.com},
     *     {@code token.actions.githubusercontent.com/acme}, {@code 127.0.0.1:8443/issuer}); compare it exactly
     * @return the provider, or empty when none is registered for that URL
     */
    Optional<OidcProvider> find(String providerUrl);
}
