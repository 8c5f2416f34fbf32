package dev.berth.metadata;

import dev.berth.iam.Arn;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An IAM OpenID Connect identity provider (spec §4.4): the issuer {@code url} without its scheme
 * ({@code token.actions.githubusercontent.com}, or with a path, {@code token.actions.githubusercontent.com/acme}),
 * its ARN ({@code arn:aws:iam::<account>:oidc-provider/<url>}), the audiences it accepts ({@code clientIds}), the
 * thumbprints it was registered with (stored, not used), its tags and creation time. Immutable; lists keep their
 * order and have no duplicates.
 */
public record OidcProvider(Arn arn, String url, List<String> clientIds, List<String> thumbprints, List<IamTag> tags,
                           Instant createdAt) {
    public OidcProvider {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(url, "url");
        clientIds = List.copyOf(clientIds);
        thumbprints = List.copyOf(thumbprints);
        tags = List.copyOf(tags);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public OidcProvider withClientIds(List<String> newClientIds) {
        return new OidcProvider(arn, url, newClientIds, thumbprints, tags, createdAt);
    }

    public OidcProvider withThumbprints(List<String> newThumbprints) {
        return new OidcProvider(arn, url, clientIds, newThumbprints, tags, createdAt);
    }

    public OidcProvider withTags(List<IamTag> newTags) {
        return new OidcProvider(arn, url, clientIds, thumbprints, newTags, createdAt);
    }
}
