package dev.berth.auth;

import dev.berth.iam.Policy;
import java.util.List;

/**
 * The resource policies that apply to a repository: its repository policy and the registry policy, parsed.
 * Supplied by the ECR control plane; empty while none are set.
 */
@FunctionalInterface
public interface RepositoryPolicies {
    RepositoryPolicies NONE = repository -> List.of();

    List<Policy> of(String repository);
}
