package dev.berth.auth;

import com.nimbusds.jose.jwk.JWKSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Issuers' signing keys, fetched on first use and kept for a TTL. A token whose {@code kid} is not among the cached
 * keys triggers a refetch (key rotation), as does an expired TTL; but each issuer is fetched at most once per
 * {@code minRefetchInterval}, successful or not, so a flood of tokens with made-up key ids (or an issuer that is
 * down) cannot turn into a flood of outgoing requests. Within that interval a failed fetch keeps failing fast with
 * {@code IDPCommunicationError}.
 *
 * <p>Only issuers already matched to a registered provider reach this cache, so it holds at most one entry per
 * provider. Thread-safe: one lock per issuer, held while fetching, so concurrent tokens of one issuer wait for one
 * fetch instead of each starting their own.
 */
final class JwksCache {
    private final JwksFetcher fetcher;
    private final Clock clock;
    private final Duration ttl;
    private final Duration minRefetchInterval;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        JWKSet keys;
        Instant fetchedAt;
        Instant lastAttempt;
        WebIdentityException lastFailure;
    }

    JwksCache(JwksFetcher fetcher, Clock clock, Duration ttl, Duration minRefetchInterval) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.minRefetchInterval = Objects.requireNonNull(minRefetchInterval, "minRefetchInterval");
    }

    /**
     * The issuer's keys, refreshed first when they are older than the TTL or lack {@code kid} (and the issuer was
     * not fetched within the refetch interval). The result may still lack {@code kid}.
     *
     * @param kid the token's key id, or {@code null} when it has none
     * @throws WebIdentityException {@code IDPCommunicationError} when there are no usable keys
     */
    JWKSet keys(IssuerUrl issuer, String kid) {
        Entry entry = entries.computeIfAbsent(issuer.url(), k -> new Entry());
        entry.lock.lock();
        try {
            Instant now = clock.instant();
            boolean stale = entry.keys == null || !now.isBefore(entry.fetchedAt.plus(ttl));
            boolean unknownKid = kid != null && entry.keys != null && entry.keys.getKeyByKeyId(kid) == null;
            boolean mayFetch = entry.lastAttempt == null || !now.isBefore(entry.lastAttempt.plus(minRefetchInterval));
            if ((stale || unknownKid) && mayFetch) {
                entry.lastAttempt = now;
                try {
                    entry.keys = fetcher.fetch(issuer);
                    entry.fetchedAt = now;
                    entry.lastFailure = null;
                } catch (WebIdentityException e) {
                    entry.lastFailure = e;
                    throw e;
                }
            } else if (stale) {
                throw new WebIdentityException(WebIdentityError.IDP_COMMUNICATION_ERROR, HttpJwksFetcher.IDP_MESSAGE,
                        entry.lastFailure == null ? null : entry.lastFailure.getCause());
            }
            return entry.keys;
        } finally {
            entry.lock.unlock();
        }
    }
}
