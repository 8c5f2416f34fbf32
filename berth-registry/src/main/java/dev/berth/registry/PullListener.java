package dev.berth.registry;

import dev.berth.oci.Digest;
import dev.berth.oci.RepositoryName;
import java.time.Instant;

/**
 * Told of every manifest served by {@link ManifestService#get} (a pull). Called on the request's thread, so it must
 * return at once: record in memory, write later. Does nothing by default.
 */
@FunctionalInterface
public interface PullListener {
    PullListener NONE = (repository, digest, at) -> { };

    void pulled(RepositoryName repository, Digest digest, Instant at);
}
