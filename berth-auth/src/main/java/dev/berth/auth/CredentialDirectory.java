package dev.berth.auth;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.berth.metadata.IamStore;
import dev.berth.metadata.StsSession;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where an access key id is looked up: the account's root key (from configuration) or an STS session in the
 * store. Used by SigV4 verification and by registry passwords. Thread-safe.
 */
public final class CredentialDirectory implements SecretLookup<Principal> {
    private final String accountId;
    private final String rootAccessKeyId;
    private final String rootSecretAccessKey;
    private final IamStore store;

    public CredentialDirectory(String accountId, String rootAccessKeyId, String rootSecretAccessKey, IamStore store) {
        this.accountId = accountId;
        this.rootAccessKeyId = rootAccessKeyId;
        this.rootSecretAccessKey = rootSecretAccessKey;
        this.store = store;
    }

    @Override
    public Optional<AccessKeySecret<Principal>> find(String accessKeyId) {
        if (accessKeyId.equals(rootAccessKeyId)) {
            return Optional.of(AccessKeySecret.longTerm(rootSecretAccessKey, Principal.root(accountId, accessKeyId)));
        }
        if (!accessKeyId.startsWith("ASIA")) {
            return Optional.empty();
        }
        return store.findSession(accessKeyId).map(s -> AccessKeySecret.temporaryHashed(
                s.secretAccessKey(), s.sessionTokenSha256(), s.expiresAt(), principal(s)));
    }

    /** Root by its access key id and secret (HTTP Basic on the registry); constant-time secret comparison. */
    public Optional<Principal> rootBySecret(String accessKeyId, String secret) {
        boolean idMatches = Crypto.constantTimeEquals(rootAccessKeyId, accessKeyId);
        boolean secretMatches = Crypto.constantTimeEquals(rootSecretAccessKey, secret);
        return idMatches && secretMatches ? Optional.of(Principal.root(accountId, accessKeyId)) : Optional.empty();
    }

    static Principal principal(StsSession s) {
        return new Principal(s.assumedRoleArn(), s.roleId() + ":" + s.sessionName(), s.accessKeyId(), s.roleArn(),
                flatClaims(s.webIdentityClaims()), s.expiresAt());
    }

    private static Map<String, String> flatClaims(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        if (json == null || json.isEmpty()) {
            return out;
        }
        try {
            JSONObjectUtils.parse(json).forEach((k, v) -> {
                if (v != null && !(v instanceof Map)) {
                    out.put(k, String.valueOf(v));
                }
            });
        } catch (ParseException e) {
            // Claims are for audit only; a malformed copy must not lock the session out.
        }
        return out;
    }
}
