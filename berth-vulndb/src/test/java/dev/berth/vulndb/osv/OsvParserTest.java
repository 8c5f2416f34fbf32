package dev.berth.vulndb.osv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.vulndb.osv.OsvAdvisory.Event;
import dev.berth.vulndb.osv.OsvAdvisory.EventKind;
import dev.berth.vulndb.osv.OsvAdvisory.RangeType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OsvParserTest {
    private final OsvParser parser = new OsvParser();

    private OsvParser.Parsed parse(String json) {
        return parser.parse(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEveryFieldMatchingUses() {
        OsvParser.Parsed parsed = parse("""
                {'schema_version': '1.6.0', 'id': 'GHSA-1', 'modified': '2024-01-02T03:04:05.678Z',
                 'aliases': ['CVE-2024-1'], 'upstream': ['CVE-2023-9'], 'summary': 's', 'details': 'd',
                 'severity': [{'type': 'CVSS_V3', 'score': 'CVSS:3.1/AV:N'}, {'type': 'CVSS_V2', 'score': 'AV:N'},
                              {'type': 'Ubuntu', 'score': 'medium'}],
                 'affected': [{'package': {'ecosystem': 'PyPI', 'name': 'Requests', 'purl': 'pkg:pypi/requests'},
                               'ranges': [{'type': 'ECOSYSTEM', 'events': [{'introduced': '0'}, {'fixed': '2.0'}]},
                                          {'type': 'GIT', 'repo': 'r', 'events': [{'introduced': 'abc'}]},
                                          {'type': 'SEMVER', 'events': [{'introduced': '1.0.0'},
                                              {'last_affected': '1.2.0'}, {'limit': '2.0.0'}]}],
                               'versions': ['1.0', '1.1'],
                               'ecosystem_specific': {'urgency': 'low*'},
                               'severity': [{'type': 'CVSS_V4', 'score': 'CVSS:4.0/AV:N'}]}],
                 'references': [{'type': 'WEB', 'url': 'https://a'}, {'type': 'WEB'}],
                 'database_specific': {'severity': 'MODERATE'}}""");

        OsvAdvisory advisory = ((OsvParser.Parsed.Ok) parsed).advisory();
        assertThat(advisory.id()).isEqualTo("GHSA-1");
        assertThat(advisory.modified()).isEqualTo(Instant.parse("2024-01-02T03:04:05.678Z"));
        assertThat(advisory.aliases()).containsExactly("CVE-2024-1");
        assertThat(advisory.upstream()).containsExactly("CVE-2023-9");
        assertThat(advisory.severity()).extracting(OsvAdvisory.SeverityEntry::type)
                .containsExactly("CVSS_V3", "CVSS_V2", "UBUNTU");
        assertThat(advisory.databaseSeverity()).contains("MODERATE");
        assertThat(advisory.references()).containsExactly("https://a");
        OsvAdvisory.Affected affected = advisory.affected().getFirst();
        assertThat(affected.name()).isEqualTo("Requests");
        assertThat(affected.purl()).contains("pkg:pypi/requests");
        assertThat(affected.versions()).containsExactly("1.0", "1.1");
        assertThat(affected.ecosystemSeverity()).contains("low*");
        assertThat(affected.severity()).extracting(OsvAdvisory.SeverityEntry::type).containsExactly("CVSS_V4");
        assertThat(affected.ranges()).extracting(OsvAdvisory.Range::type)
                .containsExactly(RangeType.ECOSYSTEM, RangeType.SEMVER);   // GIT dropped
        assertThat(affected.ranges().get(1).events()).containsExactly(new Event(EventKind.INTRODUCED, "1.0.0"),
                new Event(EventKind.LAST_AFFECTED, "1.2.0"), new Event(EventKind.LIMIT, "2.0.0"));
    }

    @Test
    void aWithdrawnAdvisoryIsReportedAsSuch() {
        assertThat(parse("{'id': 'GHSA-2', 'modified': '2024-01-01T00:00:00Z', 'withdrawn': '2024-02-01T00:00:00Z',"
                + " 'affected': []}")).isEqualTo(new OsvParser.Parsed.Withdrawn("GHSA-2"));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "not json at all | not JSON",
            "[1, 2] | not a JSON object",
            "{'modified': '2024-01-01T00:00:00Z'} | no id",
            "{'id': 'X-1', 'affected': [{'package': {'ecosystem': 'npm', 'name': 'a'}, 'versions': ['1']}]}"
                    + " | X-1: no modified time",
            "{'id': 'X-1', 'modified': 'yesterday'} | X-1: modified is not an RFC 3339 time: yesterday",
            "{'id': 'X-1', 'modified': '2024-01-01T00:00:00Z'} | X-1: no affected package with versions Berth can match",
            "{'id': 'X-1', 'modified': '2024-01-01T00:00:00Z', 'affected': [{'package': {'ecosystem': 'npm',"
                    + " 'name': 'a'}, 'ranges': [{'type': 'GIT', 'events': [{'introduced': 'a'}]}]}]}"
                    + " | X-1: no affected package with versions Berth can match",
            "{'id': 'X-1', 'modified': '2024-01-01T00:00:00Z', 'affected': [{'package': {'name': 'a'},"
                    + " 'versions': ['1']}]} | X-1: no affected package with versions Berth can match"})
    void malformedDocumentsAreSkippedWithAReason(String json, String reason) {
        OsvParser.Parsed parsed = parse(json);
        assertThat(parsed).isInstanceOf(OsvParser.Parsed.Skipped.class);
        assertThat(((OsvParser.Parsed.Skipped) parsed).reason()).startsWith(reason);
    }

    @Test
    void wrongTypesInsideAnAdvisoryAreIgnoredNotFatal() {
        OsvParser.Parsed parsed = parse("{'id': 'X-1', 'modified': '2024-01-01T00:00:00Z', 'aliases': 'CVE-1',"
                + " 'severity': {'type': 'x'}, 'references': [1, 'x'], 'affected': [{'package': {'ecosystem': 'npm',"
                + " 'name': 'a'}, 'ranges': [{'type': 'ECOSYSTEM', 'events': [{'introduced': 0}, {'fixed': '2'}]},"
                + " {'type': 'ECOSYSTEM', 'events': [{'introduced': '1'}, {'unknown': '5'}]}], 'versions': [3]}]}");
        OsvAdvisory advisory = ((OsvParser.Parsed.Ok) parsed).advisory();
        assertThat(advisory.aliases()).isEmpty();
        assertThat(advisory.affected().getFirst().ranges()).hasSize(1);   // the one without an introduced is dropped
        assertThat(advisory.affected().getFirst().ranges().getFirst().events())
                .containsExactly(new Event(EventKind.INTRODUCED, "1"));
    }

    @Test
    void everyFixtureAdvisoryParses() {
        for (String file : dev.berth.vulndb.OsvFixture.FILES) {
            assertThat(parser.parse(dev.berth.vulndb.OsvFixture.read(file))).as(file)
                    .isInstanceOf(OsvParser.Parsed.Ok.class);
        }
    }
}
