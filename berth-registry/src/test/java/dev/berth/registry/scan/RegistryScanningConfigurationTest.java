package dev.berth.registry.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.oci.RepositoryName;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RegistryScanningConfigurationTest {

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource({
            "*, team/app, true",
            "team/*, team/app, true",
            "team/*, teams/app, false",
            "*/app, team/app, true",
            "prod-*, prod-api, true",
            "prod-*, dev-api, false",
            "team/app, team/app, true",
            "team/app, team/app2, false",
            "*-api*, team/web-api-v2, true",
            "a*b*c, abc, true",
            "a*b*c, acb, false",
            "ab*ba, aba, false",
    })
    void wildcardFiltersMatchWholeNames(String filter, String name, boolean matches) {
        assertThat(ScanningRule.wildcard(filter, name)).isEqualTo(matches);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"UPPER", "-leading", "a//b", "trailing-", "sp ace"})
    void filtersOutsideEcrsGrammarAreRefused(String filter) {
        assertThatThrownBy(() -> new ScanningRule(ScanFrequency.SCAN_ON_PUSH, List.of(filter)))
                .isInstanceOf(InvalidScanningConfigurationException.class).hasMessageContaining(filter);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "BASIC, SCAN_ON_PUSH, true",
            "BASIC, CONTINUOUS_SCAN, false",
            "BASIC, MANUAL, false",
            "ENHANCED, SCAN_ON_PUSH, true",
            "ENHANCED, CONTINUOUS_SCAN, true",
            "ENHANCED, MANUAL, false",
    })
    void eachScanTypeAllowsItsFrequencies(ScanType type, ScanFrequency frequency, boolean allowed) {
        List<ScanningRule> rules = List.of(new ScanningRule(frequency, List.of("*")));
        if (allowed) {
            assertThat(new RegistryScanningConfiguration(type, rules).rules()).hasSize(1);
        } else {
            assertThatThrownBy(() -> new RegistryScanningConfiguration(type, rules))
                    .isInstanceOf(InvalidScanningConfigurationException.class);
        }
    }

    @Test
    void atMostTwoRules() {
        ScanningRule rule = new ScanningRule(ScanFrequency.SCAN_ON_PUSH, List.of("*"));
        assertThatThrownBy(() -> new RegistryScanningConfiguration(ScanType.BASIC, List.of(rule, rule, rule)))
                .isInstanceOf(InvalidScanningConfigurationException.class);
    }

    @ParameterizedTest(name = "{0}, repository scanOnPush {1} -> {2}")
    @CsvSource({
            "prod/api, false, CONTINUOUS_SCAN, prod/*",
            "prod/web, true, CONTINUOUS_SCAN, prod/*",
            "team/api, false, SCAN_ON_PUSH, *api",
            "team/web, true, SCAN_ON_PUSH, ''",
            "team/web, false, MANUAL, ''",
    })
    void theMostFrequentMatchingRuleAppliesElseTheRepositorysOwnSetting(String repository, boolean scanOnPush,
                                                                        ScanFrequency expected, String filter) {
        RegistryScanningConfiguration configuration = new RegistryScanningConfiguration(ScanType.ENHANCED, List.of(
                new ScanningRule(ScanFrequency.SCAN_ON_PUSH, List.of("*api")),
                new ScanningRule(ScanFrequency.CONTINUOUS_SCAN, List.of("prod/*"))));
        RepositoryScanning applied = configuration.applyTo(RepositoryName.parse(repository), scanOnPush);
        assertThat(applied.frequency()).isEqualTo(expected);
        assertThat(applied.scanOnPush()).isEqualTo(expected != ScanFrequency.MANUAL);
        assertThat(applied.appliedFilters()).isEqualTo(filter.isEmpty() ? List.of() : List.of(filter));
    }

    @Test
    void theStoredFormRoundTrips() {
        RegistryScanningConfiguration configuration = new RegistryScanningConfiguration(ScanType.ENHANCED, List.of(
                new ScanningRule(ScanFrequency.CONTINUOUS_SCAN, List.of("prod/*", "*-api"))));
        assertThat(RegistryScanningConfiguration.parseStored(configuration.toJson().toString()))
                .isEqualTo(configuration);
        assertThat(configuration.toJson().toString()).isEqualTo("{\"scanType\":\"ENHANCED\",\"rules\":[{"
                + "\"scanFrequency\":\"CONTINUOUS_SCAN\",\"repositoryFilters\":[{\"filter\":\"prod/*\","
                + "\"filterType\":\"WILDCARD\"},{\"filter\":\"*-api\",\"filterType\":\"WILDCARD\"}]}]}");
    }
}
