package dev.berth.auth;

import dev.berth.iam.Policy;
import dev.berth.iam.PolicyKind;
import dev.berth.metadata.EcrStore;
import dev.berth.oci.RepositoryName;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The resource policies of a repository as the metadata store holds them: the repository's policy and the registry
 * policy, parsed once and cached for {@link #TTL} (a push is dozens of requests; another node's change is seen
 * within that time, this node's at once through {@link #invalidate}). A stored document that no longer parses makes
 * every request on the repository fail rather than be decided without it. Thread-safe.
 */
public final class StoredRepositoryPolicies implements RepositoryPolicies {
    public static final Duration TTL = Duration.ofSeconds(5);
    private static final String REGISTRY = "";

    private final EcrStore store;
    private final String registryId;
    private final ExpiringCache<String, Optional<Policy>> cache;

    public StoredRepositoryPolicies(EcrStore store, String registryId, Clock clock) {
        this.store = store;
        this.registryId = registryId;
        this.cache = new ExpiringCache<>(TTL, clock);
    }

    @Override
    public List<Policy> of(String repository) {
        List<Policy> out = new ArrayList<>(2);
        cached(repository).ifPresent(out::add);
        cached(REGISTRY).ifPresent(out::add);
        return out;
    }

    /** Forgets the cached policy of a repository, or of the registry for {@code null}, after a change here. */
    public void invalidate(String repositoryOrNull) {
        cache.invalidate(repositoryOrNull == null ? REGISTRY : repositoryOrNull);
    }

    private Optional<Policy> cached(String key) {
        return cache.get(key, this::load);
    }

    private Optional<Policy> load(String key) {
        if (key.equals(REGISTRY)) {
            return store.registryPolicy(registryId).map(text -> parse("registry-policy", text));
        }
        return store.repositoryPolicy(RepositoryName.parse(key)).map(text -> parse("repository-policy", text));
    }

    private static Policy parse(String label, String text) {
        return Policy.parse(PolicyKind.RESOURCE, label, text);
    }
}
