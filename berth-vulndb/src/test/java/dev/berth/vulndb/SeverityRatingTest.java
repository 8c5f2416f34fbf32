package dev.berth.vulndb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.vulndb.osv.OsvAdvisory;
import dev.berth.vulndb.osv.OsvAdvisory.SeverityEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeverityRatingTest {

    /** Real vectors with the base scores NVD / FIRST publish for them. */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H, 10.0, CRITICAL",   // CVE-2021-44228 log4shell
            "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H, 9.0, CRITICAL",    // CVE-2021-45046
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H, 9.8, CRITICAL",    // CVE-2023-45853 zlib
            "CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:H/I:H/A:H, 6.6, MEDIUM",      // CVE-2021-44832
            "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H, 7.4, HIGH",        // CVE-2020-8203 lodash
            "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H, 7.2, HIGH",        // CVE-2021-23337 lodash
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L, 5.3, MEDIUM",      // CVE-2020-28500 lodash
            "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N, 6.1, MEDIUM",      // CVE-2023-32681 requests
            "CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:H/I:H/A:N, 5.6, MEDIUM",      // CVE-2024-35195 requests
            "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H, 9.8, CRITICAL",    // a v3.0 vector
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N, 0.0, INFORMATIONAL",
            "CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N, 1.6, LOW",
            // CVSS v4.0 examples with the scores of FIRST's v4.0 calculator
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N, 9.3, CRITICAL",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N, 0.0, INFORMATIONAL",
            "CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N, 8.5, HIGH"})
    void baseScoresOfRealVectors(String vector, double score, Severity severity) {
        assertThat(SeverityRating.baseScore(vector)).contains(score);
        assertThat(SeverityRating.fromScore(score)).isEqualTo(severity);
    }

    @ParameterizedTest
    @CsvSource({"0.1, LOW", "3.9, LOW", "4.0, MEDIUM", "6.9, MEDIUM", "7.0, HIGH", "8.9, HIGH", "9.0, CRITICAL",
            "10.0, CRITICAL", "0.0, INFORMATIONAL"})
    void scoreBoundariesAreEcrs(double score, Severity severity) {
        assertThat(SeverityRating.fromScore(score)).isEqualTo(severity);
    }

    @ParameterizedTest
    @CsvSource({"AV:N/AC:M/Au:N/C:C/I:C/A:C", "CVSS:3.1/AV:X", "not a vector", "CVSS:3.1/AV:N/AC:L"})
    void v2AndMalformedVectorsGiveNoScore(String vector) {
        assertThat(SeverityRating.baseScore(vector)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"LOW, LOW", "MODERATE, MEDIUM", "HIGH, HIGH", "CRITICAL, CRITICAL", "unimportant, INFORMATIONAL",
            "low*, LOW", "low**, LOW", "medium, MEDIUM", "negligible, INFORMATIONAL"})
    void databaseNames(String name, Severity severity) {
        assertThat(SeverityRating.fromName(name)).contains(severity);
    }

    @ParameterizedTest
    @CsvSource({"not yet assigned", "end-of-life", "whatever"})
    void namesWithoutASeverity(String name) {
        assertThat(SeverityRating.fromName(name)).isEmpty();
    }

    @Test
    void v3IsPreferredOverV4AndTheEntrysOwnOverTheAdvisorys() {
        SeverityEntry v3 = new SeverityEntry("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L");
        SeverityEntry v4 = new SeverityEntry("CVSS_V4", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
        SeverityEntry entryV3 = new SeverityEntry("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H");

        assertThat(rate(List.of(v4, v3), List.of(), null, null).score()).contains(5.3);
        assertThat(rate(List.of(v4), List.of(), null, null).score()).contains(9.3);
        assertThat(rate(List.of(v3), List.of(entryV3), null, null).score()).contains(10.0);
        assertThat(rate(List.of(v3), List.of(), "CRITICAL", null).severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void withoutAVectorTheDatabasesOwnSeverityCountsElseUndefined() {
        SeverityEntry v2 = new SeverityEntry("CVSS_V2", "AV:N/AC:L/Au:N/C:C/I:C/A:C");
        assertThat(rate(List.of(v2), List.of(), "MODERATE", null))
                .isEqualTo(new SeverityRating.Rating(Severity.MEDIUM, Optional.empty(), Optional.empty()));
        assertThat(rate(List.of(), List.of(), "LOW", "high").severity()).isEqualTo(Severity.HIGH);  // urgency first
        assertThat(rate(List.of(new SeverityEntry("UBUNTU", "medium")), List.of(), null, null).severity())
                .isEqualTo(Severity.MEDIUM);
        assertThat(rate(List.of(v2), List.of(), null, "not yet assigned").severity())
                .isEqualTo(Severity.UNDEFINED);
    }

    private static SeverityRating.Rating rate(List<SeverityEntry> advisoryLevel, List<SeverityEntry> entryLevel,
                                              String databaseSeverity, String ecosystemSeverity) {
        OsvAdvisory.Affected affected = new OsvAdvisory.Affected("npm", "x", Optional.empty(), List.of(),
                List.of("1.0.0"), entryLevel, Optional.ofNullable(ecosystemSeverity));
        OsvAdvisory advisory = new OsvAdvisory("X-1", List.of(), List.of(), "", "", Instant.EPOCH, advisoryLevel,
                Optional.ofNullable(databaseSeverity), List.of(affected), List.of());
        return SeverityRating.rate(advisory, affected);
    }
}
