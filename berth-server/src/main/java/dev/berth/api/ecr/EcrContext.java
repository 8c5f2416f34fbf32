package dev.berth.api.ecr;

import dev.berth.api.aws.Access;
import dev.berth.auth.Authorizer;
import dev.berth.auth.RegistryTokens;
import dev.berth.auth.StoredRepositoryPolicies;
import dev.berth.iam.Arn;
import dev.berth.metadata.EcrStore;
import dev.berth.metadata.RepositorySettings;
import dev.berth.oci.RepositoryName;
import dev.berth.registry.BlobService;
import dev.berth.registry.ManifestService;
import dev.berth.registry.PullRecorder;
import dev.berth.registry.RegistryError;
import dev.berth.registry.RegistryException;
import dev.berth.registry.RepositoryService;
import dev.berth.registry.lifecycle.LifecycleService;
import dev.berth.registry.scan.ScanService;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What every ECR operation shares (built once by the server wiring): the services, the account and region that name resources, the public URL that
 * names the registry host, and the one way to authorize an operation (the caller's identity policies with the
 * repository's resource policies, through {@link Access#require}).
 */
public record EcrContext(String accountId, String region, Supplier<String> publicUrl, Authorizer authorizer,
                  StoredRepositoryPolicies policies, RepositoryService repositories, ManifestService manifests,
                  BlobService blobs, EcrStore store, PullRecorder pulls, RegistryTokens tokens, Clock clock,
                  ScanService scans, LifecycleService lifecycle) {

    Arn repositoryArn(RepositoryName name) {
        return new Arn("aws", "ecr", region, accountId, "repository/" + name);
    }

    /** {@code <host[:port][/path]>/<name>}: the public URL without its scheme, as ECR's repositoryUri has none. */
    String repositoryUri(RepositoryName name) {
        return publicUrl.get().replaceFirst("^https?://", "") + "/" + name;
    }

    /** Refuses with AccessDeniedException unless the caller may perform {@code ecr:<operation>} on the repository. */
    void authorize(EcrCall call, String operation, RepositoryName name) {
        authorize(call, operation, name, Map.of());
    }

    void authorize(EcrCall call, String operation, RepositoryName name, Map<String, List<String>> keys) {
        Access.require(authorizer, call.caller(), "ecr:" + operation, repositoryArn(name), keys,
                policies.of(name.value()), call.sourceIp(), "AccessDeniedException");
    }

    /**
     * Refuses with AccessDeniedException unless the caller may perform the Berth extension action
     * {@code berth:<operation>} on the repository (not an AWS action: {@code ecr:*} does not grant it).
     */
    void authorizeExtension(EcrCall call, String operation, RepositoryName name) {
        Access.require(authorizer, call.caller(), "berth:" + operation, repositoryArn(name), Map.of(),
                policies.of(name.value()), call.sourceIp(), "AccessDeniedException");
    }

    /** For registry-level operations, which have no resource-level permissions ({@code Resource: "*"}). */
    void authorizeRegistry(EcrCall call, String operation) {
        Access.require(authorizer, call.caller(), "ecr:" + operation, null, Map.of(), List.of(), call.sourceIp(),
                "AccessDeniedException");
    }

    /** The repository's settings, or RepositoryNotFoundException. */
    RepositorySettings requireRepository(RepositoryName name) {
        try {
            return repositories.describe(name);
        } catch (RegistryException e) {
            throw e.error() == RegistryError.NAME_UNKNOWN ? EcrErrors.repositoryNotFound(name, accountId) : e;
        }
    }
}
