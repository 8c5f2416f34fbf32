package dev.berth.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExpiringCacheTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T12:00:00Z"));
    final ExpiringCache<String, Integer> cache = new ExpiringCache<>(Duration.ofSeconds(5), clock);
    final AtomicInteger loads = new AtomicInteger();

    Integer load(String key) {
        return loads.incrementAndGet();
    }

    @Test
    void keepsAValueForItsTtlThenReloads() {
        assertThat(cache.get("a", this::load)).isEqualTo(1);
        clock.advance(Duration.ofSeconds(4));
        assertThat(cache.get("a", this::load)).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get("a", this::load)).isEqualTo(2);
    }

    @Test
    void invalidateForcesAReload() {
        cache.get("a", this::load);
        cache.invalidate("a");
        assertThat(cache.get("a", this::load)).isEqualTo(2);
    }

    @Test
    void staysBoundedWhateverKeysRequestsBring() {
        for (int i = 0; i < ExpiringCache.MAX_ENTRIES * 3; i++) {
            cache.get("key-" + i, this::load);
        }
        int before = loads.get();
        cache.get("key-" + (ExpiringCache.MAX_ENTRIES * 3 - 1), this::load);
        assertThat(loads.get()).as("the newest entry is still cached").isEqualTo(before);
        cache.get("key-0", this::load);
        assertThat(loads.get()).as("an old entry was dropped").isEqualTo(before + 1);
    }
}
