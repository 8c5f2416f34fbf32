package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class CliDurationTest {
    @ParameterizedTest
    @CsvSource({"600, PT10M", "10m, PT10M", "10M, PT10M", "30s, PT30S", "1h, PT1H", "PT10M, PT10M",
            "pt0.2s, PT0.2S", "' 5m ', PT5M"})
    void acceptsSecondsUnitsAndIso(String text, String expected) {
        assertThat(CliDuration.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "m", "10 minutes", "1d", "P", "ten", "1.5h"})
    void rejectsTheRestSayingWhatIsAccepted(String text) {
        assertThatThrownBy(() -> CliDuration.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10m").hasMessageContaining("PT10M");
        assertThatThrownBy(() -> new CliDuration.Converter().convert(text))
                .isInstanceOf(TypeConversionException.class);
    }
}
