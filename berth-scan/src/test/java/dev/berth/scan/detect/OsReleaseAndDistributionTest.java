package dev.berth.scan.detect;

import dev.berth.scan.OsRelease;
import dev.berth.scan.layer.ImageFile;
import dev.berth.scan.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class OsReleaseAndDistributionTest {

    @Test
    void parsesRealOsReleaseFiles() {
        assertThat(OsReleaseReader.parse(Fixtures.DEBIAN_12_OS_RELEASE))
                .isEqualTo(new OsRelease("debian", "12", "Debian GNU/Linux 12 (bookworm)"));
        assertThat(OsReleaseReader.parse(Fixtures.ALPINE_OS_RELEASE))
                .isEqualTo(new OsRelease("alpine", "3.19.1", "Alpine Linux v3.19"));
        assertThat(OsReleaseReader.parse(Fixtures.ROCKY_OS_RELEASE))
                .isEqualTo(new OsRelease("rocky", "9.3", "Rocky Linux 9.3 (Blue Onyx)"));
        assertThat(OsReleaseReader.parse("# comment\nID='ubuntu'\nVERSION_ID=\"22.04\"\n"
                + "PRETTY_NAME=\"Say \\\"hi\\\"\"\n"))
                .isEqualTo(new OsRelease("ubuntu", "22.04", "Say \"hi\""));
        assertThat(OsReleaseReader.parse("PRETTY_NAME=\"Debian GNU/Linux trixie/sid\"\nID=debian\n"))
                .isEqualTo(new OsRelease("debian", "", "Debian GNU/Linux trixie/sid"));
    }

    @Test
    void etcWinsOverUsrLibWhateverTheOrder() throws IOException {
        OsReleaseReader reader = new OsReleaseReader();
        reader.read(new ImageFile("/etc/os-release", 0, 0644), stream("ID=debian\nVERSION_ID=12\n"));
        reader.read(new ImageFile("/usr/lib/os-release", 0, 0644), stream("ID=ubuntu\nVERSION_ID=22.04\n"));
        assertThat(reader.release()).map(OsRelease::id).contains("debian");

        OsReleaseReader onlyUsrLib = new OsReleaseReader();
        onlyUsrLib.read(new ImageFile("/usr/lib/os-release", 0, 0644), stream("ID=ubuntu\nVERSION_ID=22.04\n"));
        assertThat(onlyUsrLib.release()).map(OsRelease::id).contains("ubuntu");
        assertThat(new OsReleaseReader().release()).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} ({2}): {3}, distro {4}")
    @CsvSource(delimiter = '|', value = {
            "debian        | 12                 | dpkg | Debian:12    | debian-12",
            "debian        | 11.9               | dpkg | Debian:11    | debian-11.9",
            "debian        | ''                 | dpkg | Debian       | debian",
            "ubuntu        | 22.04              | dpkg | Ubuntu:22.04 | ubuntu-22.04",
            "alpine        | 3.19.1             | apk  | Alpine:v3.19 | alpine-3.19.1",
            "alpine        | 3.20_alpha20240329 | apk  | Alpine:v3.20 | alpine-3.20_alpha20240329",
            "alpine        | ''                 | apk  | Alpine       | alpine",
            "wolfi         | 20230201           | apk  | Wolfi        | wolfi-20230201",
            "rhel          | 9.3                | rpm  | Red Hat      | rhel-9.3",
            "rocky         | 9.3                | rpm  | Rocky Linux  | rocky-9.3",
            "almalinux     | 8.9                | rpm  | AlmaLinux    | almalinux-8.9",
            "opensuse-leap | 15.5               | rpm  | openSUSE     | opensuse-leap-15.5",
            "sles          | 15.5               | rpm  | SUSE         | sles-15.5",
    })
    void ecosystemsFollowOsvNames(String id, String versionId, String manager, String ecosystem, String distro) {
        Distribution distribution = Detectors.distribution(id, versionId);
        String actual = switch (manager) {
            case "dpkg" -> distribution.dpkgEcosystem();
            case "apk" -> distribution.apkEcosystem();
            default -> distribution.rpmEcosystem();
        };
        assertThat(actual).isEqualTo(ecosystem);
        assertThat(distribution.purlDistro()).isEqualTo(distro);
        assertThat(distribution.purlNamespace("fallback")).isEqualTo(id);
    }

    @Test
    void withoutOsReleaseTheFamilyNameAlone() {
        Distribution unknown = Distribution.unknown();
        assertThat(unknown.dpkgEcosystem()).isEqualTo("Debian");
        assertThat(unknown.apkEcosystem()).isEqualTo("Alpine");
        assertThat(unknown.rpmEcosystem()).isEqualTo("Red Hat");
        assertThat(unknown.purlDistro()).isEmpty();
        assertThat(unknown.purlNamespace("debian")).isEqualTo("debian");
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
