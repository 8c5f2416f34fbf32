package dev.berth.auth;

import java.util.Optional;

/**
 * Finds the secret behind an access key id. Implementations are called once per signed request, from many threads
 * at once; they must be thread-safe and should be fast (a cache or an indexed lookup).
 *
 * @param <P> whatever the caller wants back for a verified request (a principal, a caller record)
 */
@FunctionalInterface
public interface SecretLookup<P> {
    /** The credentials of {@code accessKeyId}, or empty when the key is unknown (or deleted, or deactivated). */
    Optional<AccessKeySecret<P>> find(String accessKeyId);
}
