package dev.berth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The lifecycle settings: ISO-8601 durations, validated at start with the key named in the refusal. */
class LifecycleConfigTest {

    @ParameterizedTest
    @CsvSource({"P1D, PT24H", "PT0S, PT0S", "' P7D ', PT168H", "PT36H, PT36H", "'', PT24H", "7d, PT168H", "0, PT0S"})
    void durationsParse(String text, String expected) {
        assertThat(Config.parseDuration("BERTH_LIFECYCLE_INTERVAL", text, Duration.ofDays(1)))
                .isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @CsvSource({"BERTH_LIFECYCLE_INTERVAL, 7 days", "BERTH_LIFECYCLE_RESTORE_WINDOW, P7", "BERTH_LIFECYCLE_INTERVAL, 1w"})
    void malformedDurationsNameTheirKey(String key, String text) {
        assertThatThrownBy(() -> Config.parseDuration(key, text, Duration.ZERO))
                .isInstanceOf(Config.ConfigException.class).hasMessageStartingWith(key + ": ");
    }

    @ParameterizedTest
    @CsvSource({"-PT1H, P7D, BERTH_LIFECYCLE_INTERVAL", "P1D, -P1D, BERTH_LIFECYCLE_RESTORE_WINDOW"})
    void negativeDurationsAreRefused(String interval, String window, String key) {
        assertThatThrownBy(() -> new Config("127.0.0.1", 0, Path.of("data"), null, "123456789012", "us-east-1",
                Duration.ZERO, true, null, null, false, Config.DEFAULT_GC_INTERVAL, Config.DEFAULT_GC_GRACE,
                Config.DEFAULT_UPLOAD_EXPIRY, Duration.parse(interval), Duration.parse(window)))
                .isInstanceOf(Config.ConfigException.class).hasMessageStartingWith(key + ": ");
    }

    @Test
    void theShortConstructorTakesTheDefaults() {
        Config config = new Config("127.0.0.1", 0, Path.of("data"), null, "123456789012", "us-east-1",
                Duration.ZERO, true, null, null, false);
        assertThat(config.lifecycleInterval()).isEqualTo(Duration.ofHours(24));
        assertThat(config.lifecycleRestoreWindow()).isEqualTo(Duration.ofDays(7));
    }
}
