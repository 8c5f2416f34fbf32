package dev.berth.cli.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.cli.CliException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SessionDurationTest {

    @ParameterizedTest
    @CsvSource({"3600,PT1H", "900s,PT15M", "15m,PT15M", "1h,PT1H", "12H,PT12H", "PT2H,PT2H", "pt30m,PT30M"})
    void parsesSecondsUnitsAndIso(String text, String expected) {
        assertThat(SessionDuration.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "h", "1d", "one hour", "P", "-", "1.5h"})
    void rejectsEverythingElse(String text) {
        assertThatThrownBy(() -> SessionDuration.parse(text)).isInstanceOf(CliException.class)
                .hasMessageContaining("--duration");
    }
}
