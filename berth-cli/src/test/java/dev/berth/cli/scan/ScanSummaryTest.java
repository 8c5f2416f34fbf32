package dev.berth.cli.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScanSummaryTest {
    static final List<ScanFinding> FINDINGS = List.of(
            new ScanFinding("CVE-2024-0002", Severity.HIGH, "zlib", "1.2.13-r0", "https://nvd.example/2"),
            new ScanFinding("CVE-2024-0001", Severity.CRITICAL, "openssl", "3.1.0-r1", null),
            new ScanFinding("CVE-2023-0009", Severity.LOW, "busybox", "", ""),
            new ScanFinding("CVE-2024-0003", Severity.HIGH, "curl", "8.0.1-r0", ""));
    static final Map<Severity, Integer> COUNTS = Map.of(Severity.CRITICAL, 1, Severity.HIGH, 2, Severity.LOW, 1);

    @Test
    void countsLineListsEverySeverityDownToTheLeastSevereFound() {
        ScanSummary summary = new ScanSummary("acme/app:v1", "COMPLETE", COUNTS, FINDINGS);
        assertThat(summary.countsLine()).isEqualTo("CRITICAL 1, HIGH 2, MEDIUM 0, LOW 1");
        assertThat(summary.total()).isEqualTo(4);
        assertThat(new ScanSummary("a:b", "COMPLETE", Map.of(), List.of()).countsLine()).isEqualTo("no findings");
        assertThat(new ScanSummary("a:b", "COMPLETE", Map.of(Severity.HIGH, 3), List.of()).countsLine())
                .isEqualTo("CRITICAL 0, HIGH 3");
    }

    @Test
    void topFindingsAreTheMostSevereFirstThenByName() {
        ScanSummary summary = new ScanSummary("acme/app:v1", "COMPLETE", COUNTS, FINDINGS);
        assertThat(summary.top(3)).extracting(ScanFinding::name)
                .containsExactly("CVE-2024-0001", "CVE-2024-0002", "CVE-2024-0003");
        assertThat(summary.top(10)).hasSize(4);
    }

    @Test
    void rendersTheVerdictOfTheGate() {
        ScanSummary summary = new ScanSummary("acme/app:v1", "COMPLETE", COUNTS, FINDINGS);
        String failed = summary.render(2, FailOn.parse("CRITICAL>0,HIGH>5"));
        assertThat(failed).isEqualTo("""
                Scan of acme/app:v1: COMPLETE
                  CRITICAL 1, HIGH 2, MEDIUM 0, LOW 1
                  top findings:
                    CRITICAL     CVE-2024-0001  openssl 3.1.0-r1
                    HIGH         CVE-2024-0002  zlib 1.2.13-r0
                    … and 2 more (--output json lists all)
                Gate CRITICAL>0,HIGH>5: FAILED on CRITICAL 1 (CRITICAL>0)
                """);
        assertThat(summary.render(10, FailOn.parse("CRITICAL>1,HIGH>5")))
                .contains("    LOW          CVE-2023-0009  busybox\n")
                .endsWith("Gate CRITICAL>1,HIGH>5: passed\n");
        assertThat(summary.render(10, FailOn.none())).doesNotContain("Gate");
    }
}
