package dev.berth.registry.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.scan.Inventory;
import dev.berth.scan.OsRelease;
import dev.berth.scan.Package;
import dev.berth.vulndb.Finding;
import dev.berth.vulndb.Severity;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScanCodecTest {
    static final Package LOG4J = new Package("Maven", "org.apache.logging.log4j:log4j-core", "2.14.1", null, null,
            "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "/app/app.jar!/BOOT-INF/lib/log4j-core-2.14.1.jar");
    static final Package LIBSSL = new Package("Debian:12", "libssl3", "3.0.11-1~deb12u2", "openssl",
            "3.0.11-1~deb12u2", "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?distro=debian-12", "/var/lib/dpkg/status");

    @Test
    void inventoriesRoundTrip() {
        for (Inventory inventory : List.of(new Inventory(Optional.empty(), List.of()),
                new Inventory(Optional.of(new OsRelease("debian", "12", "Debian GNU/Linux 12 (bookworm)")),
                        List.of(LIBSSL, LOG4J)))) {
            assertThat(ScanCodec.inventory(ScanCodec.inventory(inventory))).isEqualTo(inventory);
        }
    }

    @Test
    void findingsRoundTripWithAndWithoutTheirOptionalParts() {
        List<Finding> findings = List.of(
                new Finding("CVE-2021-44228", List.of("GHSA-jfh8-c2jp-5v3q", "CVE-2021-44228"), "Log4Shell",
                        "https://nvd.nist.gov/vuln/detail/CVE-2021-44228", Severity.CRITICAL, Optional.of(10.0),
                        Optional.of("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"), LOG4J, Optional.of("2.15.0")),
                new Finding("CVE-2024-2511", List.of("DEBIAN-CVE-2024-2511"), "", "https://osv.dev/x",
                        Severity.UNDEFINED, Optional.empty(), Optional.empty(), LIBSSL, Optional.empty()));
        assertThat(ScanCodec.findings(ScanCodec.findings(findings))).isEqualTo(findings);
    }
}
