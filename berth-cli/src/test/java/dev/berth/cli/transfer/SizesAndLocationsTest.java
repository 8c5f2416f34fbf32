package dev.berth.cli.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.cli.image.Platform;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizesAndLocationsTest {
    @ParameterizedTest
    @CsvSource({"16MiB, 16777216", "512KiB, 524288", "1048576, 1048576", "1 GiB, 1073741824", "10B, 10"})
    void parsesSizes(String text, long bytes) {
        assertThat(Sizes.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MiB", "-1", "0", "12 parsecs"})
    void refusesBadSizes(String text) {
        assertThatThrownBy(() -> Sizes.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"0, 0 B", "1023, 1023 B", "1024, 1.0 KiB", "12897485, 12.3 MiB", "3221225472, 3.0 GiB"})
    void formatsSizes(long bytes, String text) {
        assertThat(Sizes.format(bytes)).isEqualTo(text);
    }

    @Test
    void locations() {
        assertThat(ImageLocation.parse("oci:/tmp/layout:1.0"))
                .isEqualTo(new ImageLocation.Layout(Path.of("/tmp/layout"), "1.0"));
        assertThat(ImageLocation.parse("oci:out")).isEqualTo(new ImageLocation.Layout(Path.of("out"), null));
        assertThat(ImageLocation.parse("docker-archive:/tmp/a.tar:app:1.0"))
                .isEqualTo(new ImageLocation.Archive(Path.of("/tmp/a.tar"), "app:1.0"));
        assertThat(ImageLocation.parse("docker://localhost:5000/a:1")).isInstanceOf(ImageLocation.Registry.class);
        assertThat(ImageLocation.parse("localhost:5000/a:1")).isInstanceOf(ImageLocation.Registry.class);
        assertThatThrownBy(() -> ImageLocation.parse("oci:")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            linux/amd64    | linux/amd64    | true
            linux/arm64    | linux/arm64/v8 | true
            linux/arm64/v8 | linux/arm64    | false
            linux/arm/v7   | linux/arm/v7   | true
            linux/amd64    | windows/amd64  | false
            """)
    void platforms(String wanted, String candidate, boolean accepted) {
        assertThat(Platform.parse(wanted).accepts(Platform.parse(candidate))).isEqualTo(accepted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"linux", "linux/", "/amd64", "a/b/c/d", "linux/arm/"})
    void refusesBadPlatforms(String text) {
        assertThatThrownBy(() -> Platform.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
