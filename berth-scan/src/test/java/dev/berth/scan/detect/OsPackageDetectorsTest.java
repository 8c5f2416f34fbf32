package dev.berth.scan.detect;

import dev.berth.scan.Package;
import dev.berth.scan.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class OsPackageDetectorsTest {
    @TempDir
    Path temp;

    @Test
    void dpkgStatusListsInstalledPackagesWithTheirSource() {
        DpkgDetector dpkg = new DpkgDetector();
        assertThat(Detectors.offer(dpkg, "/var/lib/dpkg/status", Fixtures.DEBIAN_12_DPKG_STATUS)).isTrue();

        List<Package> packages = dpkg.packages(Detectors.distribution("debian", "12"));
        assertThat(packages).extracting(Package::ecosystem, Package::name, Package::version, Package::sourceName,
                Package::sourceVersion, Package::location).containsExactly(
                tuple("Debian:12", "libc6", "2.36-9+deb12u3", "glibc", "2.36-9+deb12u3", "/var/lib/dpkg/status"),
                tuple("Debian:12", "libssl3", "3.0.11-1~deb12u2", "openssl", "3.0.11-1~deb12u2",
                        "/var/lib/dpkg/status"),
                tuple("Debian:12", "openssl", "3.0.11-1~deb12u2", "openssl", "3.0.11-1~deb12u2",
                        "/var/lib/dpkg/status"),
                tuple("Debian:12", "zlib1g", "1:1.2.13.dfsg-1", "zlib", "1:1.2.13.dfsg-1", "/var/lib/dpkg/status"),
                tuple("Debian:12", "libxxhash0", "0.8.1-1+b1", "xxhash", "0.8.1-1", "/var/lib/dpkg/status"));
        assertThat(packages.get(3).purl())
                .isEqualTo("pkg:deb/debian/zlib1g@1%3A1.2.13.dfsg-1?arch=amd64&distro=debian-12");
    }

    @Test
    void aHugeLineIsCutNotHeldWhole() {
        DpkgDetector dpkg = new DpkgDetector();
        String status = "Package: bloated\nStatus: install ok installed\nVersion: 1.0\nDescription: x\n "
                + "y".repeat(5_000_000) + "\nArchitecture: amd64\n\n" + "Package: zlib1g\r\nStatus: install ok installed\r\n"
                + "Version: 1:1.2.13.dfsg-1\r\nArchitecture: amd64\r\n";
        Detectors.offer(dpkg, "/var/lib/dpkg/status", status);
        assertThat(dpkg.packages(Detectors.distribution("debian", "12")))
                .extracting(Package::name, Package::version, Package::purl)
                .containsExactly(tuple("bloated", "1.0", "pkg:deb/debian/bloated@1.0?arch=amd64&distro=debian-12"),
                        tuple("zlib1g", "1:1.2.13.dfsg-1",
                                "pkg:deb/debian/zlib1g@1%3A1.2.13.dfsg-1?arch=amd64&distro=debian-12"));
    }

    @Test
    void distrolessStatusDirectory() {
        DpkgDetector dpkg = new DpkgDetector();
        assertThat(Detectors.offer(dpkg, "/var/lib/dpkg/status.d/tzdata", Fixtures.DISTROLESS_TZDATA)).isTrue();
        assertThat(Detectors.offer(dpkg, "/var/lib/dpkg/status.d/tzdata.md5sums", "abc  /usr/share/x")).isFalse();
        assertThat(Detectors.offer(dpkg, "/var/lib/dpkg/status-old", Fixtures.DEBIAN_12_DPKG_STATUS)).isFalse();
        assertThat(Detectors.offer(dpkg, "/var/lib/dpkg/status.d/sub/x", Fixtures.DISTROLESS_TZDATA)).isFalse();

        assertThat(dpkg.packages(Detectors.distribution("debian", "12")))
                .extracting(Package::name, Package::version, Package::purl, Package::location)
                .containsExactly(tuple("tzdata", "2024a-0+deb12u1",
                        "pkg:deb/debian/tzdata@2024a-0%2Bdeb12u1?arch=all&distro=debian-12",
                        "/var/lib/dpkg/status.d/tzdata"));
    }

    @Test
    void ubuntuPackagesAreInTheUbuntuEcosystem() {
        DpkgDetector dpkg = new DpkgDetector();
        Detectors.offer(dpkg, "/var/lib/dpkg/status", """
                Package: libssl3
                Status: install ok installed
                Architecture: amd64
                Source: openssl
                Version: 3.0.2-0ubuntu1.15
                """);
        assertThat(dpkg.packages(Detectors.distribution("ubuntu", "22.04")))
                .extracting(Package::ecosystem, Package::purl)
                .containsExactly(tuple("Ubuntu:22.04",
                        "pkg:deb/ubuntu/libssl3@3.0.2-0ubuntu1.15?arch=amd64&distro=ubuntu-22.04"));
    }

    @Test
    void apkInstalledDatabase() {
        ApkDetector apk = new ApkDetector();
        assertThat(Detectors.offer(apk, "/lib/apk/db/installed", Fixtures.ALPINE_INSTALLED)).isTrue();

        assertThat(apk.packages(Detectors.distribution("alpine", "3.19.1")))
                .extracting(Package::ecosystem, Package::name, Package::version, Package::sourceName, Package::purl)
                .containsExactly(
                        tuple("Alpine:v3.19", "musl", "1.2.4_git20230717-r4", "musl",
                                "pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=alpine-3.19.1"),
                        tuple("Alpine:v3.19", "libcrypto3", "3.1.4-r5", "openssl",
                                "pkg:apk/alpine/libcrypto3@3.1.4-r5?arch=x86_64&distro=alpine-3.19.1"),
                        tuple("Alpine:v3.19", "busybox-binsh", "1.36.1-r15", "busybox",
                                "pkg:apk/alpine/busybox-binsh@1.36.1-r15?arch=x86_64&distro=alpine-3.19.1"));
    }

    @Test
    void rpmHeaderFields() {
        RpmHeader header = RpmHeader.parse(Fixtures.rpmHeader(Fixtures.ROCKY_9_RPMS.get(0)));
        assertThat(header.name()).isEqualTo("openssl-libs");
        assertThat(header.epoch()).contains(1);
        assertThat(header.evr()).isEqualTo("1:3.0.7-24.el9");
        assertThat(header.arch()).isEqualTo("x86_64");
        assertThat(header.sourceRpm()).isEqualTo("openssl-3.0.7-24.el9.src.rpm");
        assertThat(RpmHeader.parse(Fixtures.rpmHeader(Fixtures.ROCKY_9_RPMS.get(1))).evr())
                .isEqualTo("5.1.8-6.el9_1");
    }

    @Test
    void malformedRpmHeadersAreRefused() {
        byte[] good = Fixtures.rpmHeader(Fixtures.ROCKY_9_RPMS.get(1));
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 10);
        byte[] hugeCount = good.clone();
        hugeCount[0] = 0x7f;
        byte[] badOffset = good.clone();
        // second index entry (NAME): its offset field
        badOffset[8 + 16 + 8] = 0x7f;
        for (byte[] blob : List.of(new byte[3], truncated, hugeCount, badOffset)) {
            assertThatThrownBy(() -> RpmHeader.parse(blob)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void rpmSqliteDatabaseIsSpooledReadAndDeleted() throws IOException {
        Path spool = Files.createDirectory(temp.resolve("spool"));
        RpmDbDetector rpm = new RpmDbDetector(spool);
        byte[] database = Fixtures.rpmDb(temp, Fixtures.ROCKY_9_RPMS);

        assertThat(Detectors.offer(rpm, "/var/lib/rpm/rpmdb.sqlite", database, 0644)).isTrue();
        assertThat(Detectors.offer(rpm, "/var/lib/rpm/Packages", database, 0644)).isFalse();
        assertThat(Detectors.offer(rpm, "/usr/lib/sysimage/rpm/rpmdb.sqlite", database, 0644))
                .as("a second copy of the same database").isTrue();
        try (var left = Files.list(spool)) {
            assertThat(left).isEmpty();
        }

        assertThat(rpm.packages(Detectors.distribution("rocky", "9.3")))
                .extracting(Package::ecosystem, Package::name, Package::version, Package::sourceName,
                        Package::sourceVersion, Package::purl)
                .containsExactly(
                        tuple("Rocky Linux", "openssl-libs", "1:3.0.7-24.el9", "openssl", "1:3.0.7-24.el9",
                                "pkg:rpm/rocky/openssl-libs@3.0.7-24.el9?arch=x86_64&distro=rocky-9.3&epoch=1"),
                        tuple("Rocky Linux", "bash", "5.1.8-6.el9_1", "bash", "5.1.8-6.el9_1",
                                "pkg:rpm/rocky/bash@5.1.8-6.el9_1?arch=x86_64&distro=rocky-9.3"),
                        tuple("Rocky Linux", "tzdata", "2023c-1.el9", "tzdata", "2023c-1.el9",
                                "pkg:rpm/rocky/tzdata@2023c-1.el9?arch=noarch&distro=rocky-9.3"));
    }

    @Test
    void notAnRpmDatabaseFailsAndLeavesNothingBehind() throws IOException {
        Path spool = Files.createDirectory(temp.resolve("spool"));
        RpmDbDetector rpm = new RpmDbDetector(spool);
        assertThatThrownBy(() -> rpm.read(new dev.berth.scan.layer.ImageFile("/var/lib/rpm/rpmdb.sqlite", 20, 0644),
                new ByteArrayInputStream("not a sqlite database".getBytes())))
                .isInstanceOf(IOException.class);
        try (var left = Files.list(spool)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void sourceRpmNames() {
        assertThat(RpmDbDetector.sourceName("openssl-3.0.7-24.el9.src.rpm")).contains("openssl");
        assertThat(RpmDbDetector.sourceName("python3.11-3.11.5-1.el9_3.src.rpm")).contains("python3.11");
        assertThat(RpmDbDetector.sourceName("glibc-2.34-83.el9.7.src.rpm")).contains("glibc");
        assertThat(RpmDbDetector.sourceName("(none)")).isEmpty();
        assertThat(RpmDbDetector.sourceName("broken.src.rpm")).isEmpty();
    }
}
