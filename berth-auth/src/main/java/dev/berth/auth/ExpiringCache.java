package dev.berth.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Values loaded on demand and kept for a fixed time: what authorization reads on every request (a role's policies,
 * a repository's policies) but that changes rarely. Another node's change is seen within the TTL; this node's at
 * once through {@link #invalidate}. Two threads may load the same key at once; the later value wins. Bounded: keys
 * come from requests (repository names), so past {@link #MAX_ENTRIES} expired entries are dropped, and all of them
 * if that is not enough. Thread-safe.
 */
final class ExpiringCache<K, V> {
    static final int MAX_ENTRIES = 10_000;

    private final Duration ttl;
    private final Clock clock;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    private record Entry<V>(V value, Instant until) {}

    ExpiringCache(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    V get(K key, Function<K, V> loader) {
        Instant now = clock.instant();
        Entry<V> e = entries.get(key);
        if (e == null || !now.isBefore(e.until())) {
            e = new Entry<>(loader.apply(key), now.plus(ttl));
            if (entries.size() >= MAX_ENTRIES) {
                entries.values().removeIf(old -> !now.isBefore(old.until()));
                if (entries.size() >= MAX_ENTRIES) {
                    entries.clear();
                }
            }
            entries.put(key, e);
        }
        return e.value();
    }

    void invalidate(K key) {
        entries.remove(key);
    }
}
