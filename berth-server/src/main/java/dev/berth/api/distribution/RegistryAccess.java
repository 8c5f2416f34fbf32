package dev.berth.api.distribution;

import dev.berth.api.http.Exchange;
import dev.berth.auth.Authorizer;
import dev.berth.auth.CredentialDirectory;
import dev.berth.auth.Principal;
import dev.berth.auth.RegistryTokens;
import dev.berth.auth.RepositoryPolicies;
import dev.berth.iam.Arn;
import dev.berth.iam.Decision;
import dev.berth.registry.RegistryError;
import dev.berth.registry.RegistryException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may do what on {@code /v2/}: HTTP Basic with user {@code AWS} and a registry password (ECR
 * GetAuthorizationToken), or the root access key id and secret; then each operation is authorized as the ECR
 * action it amounts to, on the repository's ARN (spec §6). Missing or wrong credentials are 401 with a
 * {@code WWW-Authenticate} challenge; an authenticated caller without permission gets 403 DENIED.
 */
public final class RegistryAccess {
    private final CredentialDirectory credentials;
    private final RegistryTokens tokens;
    private final Authorizer authorizer;
    private final RepositoryPolicies policies;
    private final String region;
    private final String accountId;

    public RegistryAccess(CredentialDirectory credentials, RegistryTokens tokens, Authorizer authorizer,
            RepositoryPolicies policies, String region, String accountId) {
        this.credentials = credentials;
        this.tokens = tokens;
        this.authorizer = authorizer;
        this.policies = policies;
        this.region = region;
        this.accountId = accountId;
    }

    /** The caller of a request, or UNAUTHORIZED. */
    Principal authenticate(Exchange ex) {
        String header = ex.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw unauthorized("authentication required");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw unauthorized("malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw unauthorized("malformed Basic credentials");
        }
        String user = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        Optional<Principal> principal = user.equals("AWS") ? tokens.verify(password)
                : credentials.rootBySecret(user, password);
        return principal.orElseThrow(() -> unauthorized("invalid or expired credentials"));
    }

    /** The query parameter of a pre-signed blob download (ECR GetDownloadUrlForLayer). */
    public static final String DOWNLOAD_TOKEN = "X-Berth-Download";

    /**
     * The caller of a blob GET that carries a pre-signed download token instead of credentials; UNAUTHORIZED when the
     * token is not genuine for this repository and digest, or has expired.
     */
    Principal authenticateDownload(Exchange ex, String repository, String digest) {
        return tokens.verifyDownload(ex.query(DOWNLOAD_TOKEN), repository, digest)
                .orElseThrow(() -> unauthorized("invalid or expired download URL"));
    }

    /** Refuses with DENIED unless {@code caller} may perform {@code action} on the repository. */
    void authorize(Principal caller, String action, String repository, Map<String, List<String>> keys, String ip) {
        if (!allowed(caller, action, repository, keys, ip)) {
            throw new RegistryException(RegistryError.DENIED, caller.arn() + " is not authorized to perform "
                    + action + (repository == null ? "" : " on repository " + repository));
        }
    }

    boolean allowed(Principal caller, String action, String repository, Map<String, List<String>> keys, String ip) {
        Arn resource = repository == null ? null
                : new Arn("aws", "ecr", region, accountId, "repository/" + repository);
        Decision d = authorizer.authorize(caller, action, resource, keys,
                repository == null ? List.of() : policies.of(repository), ip);
        return d.allowed();
    }

    /**
     * A push into a repository that does not exist, as ECR answers it: NAME_UNKNOWN unless create-on-push is on
     * and the caller may {@code ecr:CreateRepository} it.
     */
    void authorizeCreateOnPush(Principal caller, String repository, boolean createOnPush, String ip) {
        if (!createOnPush || !allowed(caller, "ecr:CreateRepository", repository, Map.of(), ip)) {
            throw new RegistryException(RegistryError.NAME_UNKNOWN, "The repository with name '" + repository
                    + "' does not exist in the registry with id '" + accountId + "'", repository);
        }
    }

    private static RegistryException unauthorized(String message) {
        return new RegistryException(RegistryError.UNAUTHORIZED, message);
    }
}
