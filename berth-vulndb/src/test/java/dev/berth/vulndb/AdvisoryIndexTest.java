package dev.berth.vulndb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.scan.Inventory;
import dev.berth.scan.Package;
import dev.berth.vulndb.osv.OsvAdvisory;
import dev.berth.vulndb.osv.OsvParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdvisoryIndexTest {

    static AdvisoryIndex fixtureIndex() {
        AdvisoryIndex.Builder builder = AdvisoryIndex.builder();
        for (String file : OsvFixture.FILES) {
            builder.add(((OsvParser.Parsed.Ok) new OsvParser().parse(OsvFixture.read(file))).advisory());
        }
        return builder.build();
    }

    static Package pkg(String ecosystem, String name, String version) {
        return new Package(ecosystem, name, version, null, null, "pkg:x/" + name + "@" + version, "/test");
    }

    static Package deb(String binary, String version, String source, String sourceVersion) {
        return new Package("Debian:12", binary, version, source, sourceVersion, "pkg:deb/debian/" + binary, "/var/lib/dpkg/status");
    }

    /** The rows of FIXTURE.md: package, version → finding ids, severities and fixed versions. */
    @Test
    void theFixturesPackagesGiveExactlyTheFindingsFixtureMdLists() {
        Inventory inventory = new Inventory(Optional.empty(), List.of(
                pkg("Maven", "org.apache.logging.log4j:log4j-core", "2.14.1"),
                pkg("npm", "lodash", "4.17.15"),
                pkg("PyPI", "requests", "2.25.0"),
                deb("libssl3", "3.0.11-1~deb12u2", "openssl", "3.0.11-1~deb12u2"),
                deb("zlib1g", "1:1.2.13.dfsg-1", "zlib", "1:1.2.13.dfsg-1"),
                pkg("Go", "golang.org/x/net", "v0.10.0")));

        List<String> rows = fixtureIndex().match(inventory).stream()
                .map(f -> f.pkg().name() + " " + f.id() + " " + f.severity() + " "
                        + f.cvssScore().map(String::valueOf).orElse("-") + " " + f.fixedVersion().orElse("-"))
                .toList();

        assertThat(rows).containsExactly(
                "org.apache.logging.log4j:log4j-core CVE-2021-44228 CRITICAL 10.0 2.15.0",
                "org.apache.logging.log4j:log4j-core CVE-2021-44832 MEDIUM 6.6 2.17.1",
                "org.apache.logging.log4j:log4j-core CVE-2021-45046 CRITICAL 9.0 2.16.0",
                "org.apache.logging.log4j:log4j-core CVE-2021-45105 HIGH 8.6 2.17.0",
                "lodash CVE-2020-28500 MEDIUM 5.3 4.17.21",
                "lodash CVE-2020-8203 HIGH 7.4 4.17.20",
                "lodash CVE-2021-23337 HIGH 7.2 4.17.21",
                "requests CVE-2023-32681 MEDIUM 6.1 2.31.0",
                "requests CVE-2024-35195 MEDIUM 5.6 2.32.2",
                "libssl3 CVE-2024-2511 UNDEFINED - 3.0.14-1~deb12u1",
                "zlib1g CVE-2023-45853 CRITICAL 9.8 -",
                "golang.org/x/net CVE-2023-39325 UNDEFINED - 0.17.0");
    }

    @Test
    void aFindingCarriesTheAdvisorysIdsDescriptionAndLink() {
        Finding log4shell = fixtureIndex().match(pkg("Maven", "org.apache.logging.log4j:log4j-core", "2.14.1"))
                .getFirst();
        assertThat(log4shell.advisoryIds()).containsExactly("GHSA-jfh8-c2jp-5v3q", "CVE-2021-44228");
        assertThat(log4shell.description()).isEqualTo("Remote code injection in Log4j");
        assertThat(log4shell.uri()).isEqualTo("https://nvd.nist.gov/vuln/detail/CVE-2021-44228");
        assertThat(log4shell.cvssVector()).contains("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H");
        Finding go = fixtureIndex().match(pkg("Go", "golang.org/x/net", "0.10.0")).getFirst();
        assertThat(go.advisoryIds()).containsExactly("GO-2023-2102", "CVE-2023-39325", "GHSA-4374-p667-p6c8");
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
            // fixed versions and the versions around the ranges' edges
            "Maven, org.apache.logging.log4j:log4j-core, 2.17.1, ''",
            "Maven, org.apache.logging.log4j:log4j-core, 2.17.0, CVE-2021-44832",
            "Maven, org.apache.logging.log4j:log4j-core, 2.12.2, CVE-2021-44832 CVE-2021-45105",
            "Maven, org.apache.logging.log4j:log4j-core, 2.3.1, CVE-2021-44832 CVE-2021-45046",
            "Maven, org.apache.logging.log4j:log4j-core, 2.0-beta7, CVE-2021-44228 CVE-2021-44832 CVE-2021-45046 CVE-2021-45105",
            "Maven, org.apache.logging.log4j:log4j-api, 2.14.1, ''",
            "npm, lodash, 4.17.21, ''",
            "npm, lodash, 4.17.20, CVE-2020-28500 CVE-2021-23337",
            "npm, Lodash, 4.17.20, CVE-2020-28500 CVE-2021-23337",
            "npm, lodash.trim, 4.5.1, CVE-2020-28500",         // last_affected is affected
            "npm, lodash.trim, 4.5.2, ''",                      // and after it is not
            "PyPI, requests, 2.2.1, CVE-2024-35195",            // before the other range's introduced
            "PyPI, Requests, 2.31.0, CVE-2024-35195",           // PEP 503 name
            "PyPI, requests, 2.32.2, ''",
            "PyPI, requests, 2.31.0rc1, CVE-2023-32681 CVE-2024-35195",
            "Go, golang.org/x/net, v0.17.0, ''",
            "Go, golang.org/x/net, v0.0.0-20230101000000-0123456789ab, CVE-2023-39325",
            "Go, golang.org/x/crypto, v0.1.0, ''"})
    void versionsAroundTheEdges(String ecosystem, String name, String version, String expected) {
        List<String> ids = fixtureIndex().match(pkg(ecosystem, name, version)).stream().map(Finding::id).toList();
        assertThat(String.join(" ", ids)).isEqualTo(expected);
    }

    @Test
    void osPackagesAreLookedUpBySourceAndRelease() {
        AdvisoryIndex index = fixtureIndex();
        assertThat(index.match(deb("libssl3", "3.0.14-1~deb12u1", "openssl", "3.0.14-1~deb12u1"))).isEmpty();
        // The binary name is not what Debian advisories name.
        assertThat(index.match(deb("openssl-binary", "3.0.11-1~deb12u2", "not-openssl", "3.0.11-1~deb12u2")))
                .isEmpty();
        // Another release's advisory entry does not apply: Debian 13's zlib entry has a fix, Debian 12's none.
        Package trixieZlib = new Package("Debian:13", "zlib1g", "1:1.3.dfsg-2", "zlib", "1:1.3.dfsg-2",
                "pkg:deb/debian/zlib1g", "/var/lib/dpkg/status");
        assertThat(index.match(trixieZlib)).isEmpty();
        Package bookwormPoint = new Package("Debian:12.5", "zlib1g", "1:1.2.13.dfsg-1", "zlib", "1:1.2.13.dfsg-1",
                "pkg:deb/debian/zlib1g", "/var/lib/dpkg/status");
        assertThat(index.match(bookwormPoint)).extracting(Finding::id).containsExactly("CVE-2023-45853");
        assertThat(index.match(new Package("Ubuntu:22.04", "zlib1g", "1:1.2.13.dfsg-1", "zlib", "1:1.2.13.dfsg-1",
                "p", "/l"))).isEmpty();
    }

    @Test
    void twoAdvisoriesOfOneCveForOnePackageMakeOneFinding() {
        OsvAdvisory ghsa = parse("{'id': 'GHSA-x', 'modified': '2024-01-01T00:00:00Z', 'aliases': ['CVE-2024-7777'],"
                + " 'severity': [{'type': 'CVSS_V3', 'score': 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L'}],"
                + " 'affected': [{'package': {'ecosystem': 'PyPI', 'name': 'demo'}, 'ranges': [{'type': 'ECOSYSTEM',"
                + " 'events': [{'introduced': '0'}, {'fixed': '2.0'}]}]}]}");
        OsvAdvisory pysec = parse("{'id': 'PYSEC-2024-1', 'modified': '2024-01-01T00:00:00Z',"
                + " 'aliases': ['CVE-2024-7777', 'GHSA-x'], 'affected': [{'package': {'ecosystem': 'PyPI', 'name': 'demo'},"
                + " 'versions': ['1.0']}]}");
        AdvisoryIndex index = AdvisoryIndex.builder().add(pysec).add(ghsa).build();

        List<Finding> findings = index.match(pkg("PyPI", "demo", "1.0"));
        assertThat(findings).hasSize(1);
        Finding finding = findings.getFirst();
        assertThat(finding.id()).isEqualTo("CVE-2024-7777");
        assertThat(finding.severity()).isEqualTo(Severity.MEDIUM);          // the scored one's severity
        assertThat(finding.fixedVersion()).contains("2.0");
        assertThat(finding.advisoryIds()).containsExactlyInAnyOrder("GHSA-x", "CVE-2024-7777", "PYSEC-2024-1");
        assertThat(index.advisoryCount()).isEqualTo(2);
    }

    @Test
    void advisoriesThatAliasEachOtherWithoutACveMakeOneFinding() {
        OsvAdvisory ghsa = parse("{'id': 'GHSA-y', 'modified': '2024-01-01T00:00:00Z', 'database_specific':"
                + " {'severity': 'HIGH'}, 'affected': [{'package': {'ecosystem': 'PyPI', 'name': 'demo'},"
                + " 'versions': ['1.0']}]}");
        OsvAdvisory pysec = parse("{'id': 'PYSEC-2024-2', 'modified': '2024-01-01T00:00:00Z', 'aliases': ['GHSA-y'],"
                + " 'affected': [{'package': {'ecosystem': 'PyPI', 'name': 'demo'}, 'versions': ['1.0']}]}");
        List<Finding> findings = AdvisoryIndex.builder().add(pysec).add(ghsa).build().match(pkg("PyPI", "demo", "1.0"));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("GHSA-y");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.advisoryIds()).containsExactlyInAnyOrder("GHSA-y", "PYSEC-2024-2");
        });
    }

    @Test
    void rangesWithSeveralIntroducedEventsAndUnsortedEventsFollowOsvEvaluation() {
        OsvAdvisory advisory = parse("{'id': 'X-1', 'modified': '2024-01-01T00:00:00Z', 'affected': [{'package':"
                + " {'ecosystem': 'npm', 'name': 'demo'}, 'ranges': [{'type': 'SEMVER', 'events': [{'fixed': '1.5.0'},"
                + " {'introduced': '2.0.0'}, {'introduced': '1.0.0'}, {'fixed': '2.1.0'}]}]}]}");
        AdvisoryIndex index = AdvisoryIndex.builder().add(advisory).build();
        assertThat(fixedOf(index, "0.9.0")).isNull();
        assertThat(fixedOf(index, "1.0.0")).isEqualTo("1.5.0");
        assertThat(fixedOf(index, "1.5.0")).isNull();
        assertThat(fixedOf(index, "2.0.5")).isEqualTo("2.1.0");
        assertThat(fixedOf(index, "2.1.0")).isNull();
    }

    @Test
    void anAdvisoryWithoutCveIsReportedUnderItsOwnIdAndDebianIdsUnderTheirCve() {
        OsvAdvisory plain = parse("{'id': 'GO-2024-1', 'modified': '2024-01-01T00:00:00Z', 'affected':"
                + " [{'package': {'ecosystem': 'Go', 'name': 'example.com/m'}, 'versions': ['1.0.0']}]}");
        OsvAdvisory debian = parse("{'id': 'DEBIAN-CVE-2024-12345', 'modified': '2024-01-01T00:00:00Z', 'affected':"
                + " [{'package': {'ecosystem': 'Debian:12', 'name': 'src'}, 'versions': ['1.0-1']}]}");
        assertThat(AdvisoryIndex.Builder.findingId(plain)).isEqualTo("GO-2024-1");
        assertThat(AdvisoryIndex.Builder.findingId(debian)).isEqualTo("CVE-2024-12345");
    }

    private static String fixedOf(AdvisoryIndex index, String version) {
        List<Finding> findings = index.match(pkg("npm", "demo", version));
        return findings.isEmpty() ? null : findings.getFirst().fixedVersion().orElse("none");
    }

    private static OsvAdvisory parse(String json) {
        return ((OsvParser.Parsed.Ok) new OsvParser().parse(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8)))
                .advisory();
    }
}
