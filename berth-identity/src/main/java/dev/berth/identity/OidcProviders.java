package dev.berth.identity;

import dev.berth.iam.Arn;
import dev.berth.iam.InvalidArnException;
import dev.berth.metadata.IamStore;
import dev.berth.metadata.IamTag;
import dev.berth.metadata.OidcProvider;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The OpenID Connect provider operations of {@link IamService} (spec §4.4); see there for the contract. */
final class OidcProviders {
    private static final String RESOURCE_TYPE = "oidc-provider";

    private final IamStore store;
    private final String accountId;
    private final Clock clock;

    OidcProviders(IamStore store, String accountId, Clock clock) {
        this.store = store;
        this.accountId = accountId;
        this.clock = clock;
    }

    OidcProvider create(String url, List<String> clientIds, List<String> thumbprints, List<IamTag> tags) {
        Inputs.text("url", url, 1, 255, null);
        List<String> clients = clientIds("clientIDList", clientIds == null ? List.of() : clientIds);
        List<String> prints = thumbprints(thumbprints == null ? List.of() : thumbprints);
        List<IamTag> checkedTags = Tags.validate(tags);
        String stored = IssuerUrls.registrable(url);
        Arn arn;
        try {
            arn = new Arn("aws", "iam", "", accountId, RESOURCE_TYPE + "/" + stored);
        } catch (InvalidArnException e) {
            throw new IamException(IamError.INVALID_INPUT, "Invalid Open ID Connect Provider URL " + url + ".");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        OidcProvider provider = new OidcProvider(arn, stored, clients, prints, checkedTags, now);
        if (!store.createOidcProvider(provider)) {
            throw new IamException(IamError.ENTITY_ALREADY_EXISTS, "Provider with url " + url + " already exists.");
        }
        return provider;
    }

    OidcProvider get(String providerArn) {
        Arn arn = arn(providerArn);
        return store.findOidcProvider(arn).orElseThrow(() -> notFound(arn));
    }

    List<Arn> list() {
        return store.listOidcProviders().stream().map(OidcProvider::arn).toList();
    }

    void delete(String providerArn) {
        store.deleteOidcProvider(arn(providerArn));
    }

    void addClientId(String providerArn, String clientId) {
        Arn arn = arn(providerArn);
        String id = Inputs.text("clientID", clientId, 1, 255, null);
        update(arn, p -> {
            if (p.clientIds().contains(id)) {
                return p;
            }
            List<String> more = new ArrayList<>(p.clientIds());
            more.add(id);
            return p.withClientIds(clientIds("clientID", more));
        });
    }

    void removeClientId(String providerArn, String clientId) {
        Arn arn = arn(providerArn);
        String id = Inputs.text("clientID", clientId, 1, 255, null);
        update(arn, p -> p.withClientIds(p.clientIds().stream().filter(c -> !c.equals(id)).toList()));
    }

    void updateThumbprints(String providerArn, List<String> thumbprints) {
        Arn arn = arn(providerArn);
        List<String> prints = thumbprints(Inputs.required("thumbprintList", thumbprints));
        update(arn, p -> p.withThumbprints(prints));
    }

    Optional<OidcProvider> forIssuer(String issuer) {
        return IssuerUrls.fromIssuer(issuer).flatMap(store::findOidcProviderByUrl);
    }

    private void update(Arn arn, UnaryOperator<OidcProvider> change) {
        if (store.updateOidcProvider(arn, change).isEmpty()) {
            throw notFound(arn);
        }
    }

    /** A provider ARN parameter: well-formed and an {@code oidc-provider} ARN, else InvalidInput. */
    private static Arn arn(String text) {
        Arn arn = Inputs.arn("openIDConnectProviderArn", text);
        if (!arn.service().equals("iam") || !arn.resourceType().equals(RESOURCE_TYPE) || arn.resourceId().isEmpty()) {
            throw new IamException(IamError.INVALID_INPUT, "ARN " + text + " is not valid.");
        }
        return arn;
    }

    private static List<String> clientIds(String field, List<String> clientIds) {
        for (int i = 0; i < clientIds.size(); i++) {
            Inputs.text(field + "." + (i + 1) + ".member", clientIds.get(i), 1, 255, null);
        }
        List<String> distinct = List.copyOf(new LinkedHashSet<>(clientIds));
        if (distinct.size() > IamLimits.CLIENT_IDS_PER_PROVIDER) {
            throw new IamException(IamError.LIMIT_EXCEEDED,
                    "Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: " + IamLimits.CLIENT_IDS_PER_PROVIDER);
        }
        return distinct;
    }

    private static List<String> thumbprints(List<String> thumbprints) {
        for (int i = 0; i < thumbprints.size(); i++) {
            String thumbprint = Inputs.text("thumbprintList." + (i + 1) + ".member", thumbprints.get(i), 40, 40, null);
            if (!thumbprint.chars().allMatch(HexFormat::isHexDigit)) {
                throw new IamException(IamError.INVALID_INPUT, "Thumbprint " + thumbprint
                        + " is not valid: it must be 40 hexadecimal characters (a SHA-1 fingerprint).");
            }
        }
        List<String> distinct = List.copyOf(new LinkedHashSet<>(thumbprints));
        if (distinct.size() > IamLimits.THUMBPRINTS_PER_PROVIDER) {
            throw new IamException(IamError.LIMIT_EXCEEDED, "Cannot exceed quota for "
                    + "ThumbprintsPerOpenIdConnectProvider: " + IamLimits.THUMBPRINTS_PER_PROVIDER);
        }
        return distinct;
    }

    private static IamException notFound(Arn arn) {
        return new IamException(IamError.NO_SUCH_ENTITY, "OpenIDConnect Provider not found for arn " + arn);
    }
}
