package dev.berth.auth;

import dev.berth.iam.Arn;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An IAM OpenID Connect provider as registered with CreateOpenIDConnectProvider (spec section 4.4).
 *
 * @param arn {@code arn:aws:iam::<account>:oidc-provider/<url>}
 * @param url the issuer without its scheme, as IAM stores it ({@code token.actions.githubusercontent.com})
 * @param clientIds the audiences a token may carry ({@code sts.amazonaws.com})
 * @param thumbprints stored and returned, not used for validation (TLS is checked against the JDK's trust store,
 *     as IAM does for well-known providers)
 */
public record OidcProvider(Arn arn, String url, Set<String> clientIds, List<String> thumbprints) {
    public OidcProvider {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(url, "url");
        clientIds = Set.copyOf(clientIds);
        thumbprints = List.copyOf(thumbprints);
    }
}
