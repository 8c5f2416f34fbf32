package dev.berth.scan.layer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ImagePathTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "etc/os-release, /etc/os-release",
            "./etc/os-release, /etc/os-release",
            "/etc/os-release, /etc/os-release",
            "./usr/lib/, /usr/lib",
            "usr//lib/./x, /usr/lib/x",
            "usr/lib/../share/x, /usr/share/x",
            "../../etc/passwd, /etc/passwd",
            "a/b/../../../c, /c",
            "./, /",
            "., /",
            "/, /",
            "etc/.wh..wh..opq, /etc/.wh..wh..opq",
    })
    void normalizes(String entryName, String expected) {
        assertThat(ImagePath.normalize(entryName)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: parent {1}, name {2}")
    @CsvSource({
            "/etc/os-release, /etc, os-release",
            "/etc, /, etc",
            "/a/b/c.jar, /a/b, c.jar",
    })
    void splits(String path, String parent, String name) {
        assertThat(ImagePath.parent(path)).isEqualTo(parent);
        assertThat(ImagePath.fileName(path)).isEqualTo(name);
        assertThat(ImagePath.child(parent, name)).isEqualTo(path);
    }
}
