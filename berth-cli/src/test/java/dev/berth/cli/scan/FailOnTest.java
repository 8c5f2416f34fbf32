package dev.berth.cli.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.cli.CliException;
import dev.berth.cli.ExitCode;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FailOnTest {

    static Stream<Arguments> gates() {
        Map<Severity, Integer> seedClean = Map.of(Severity.HIGH, 5, Severity.MEDIUM, 12);
        Map<Severity, Integer> oneCritical = Map.of(Severity.CRITICAL, 1);
        Map<Severity, Integer> sixHigh = Map.of(Severity.HIGH, 6);
        return Stream.of(
                // the seeds' gate: block on any critical, or on more than five high
                Arguments.of("CRITICAL>0,HIGH>5", seedClean, List.of()),
                Arguments.of("CRITICAL>0,HIGH>5", oneCritical, List.of("CRITICAL>0")),
                Arguments.of("CRITICAL>0,HIGH>5", sixHigh, List.of("HIGH>5")),
                Arguments.of("CRITICAL>0,HIGH>5", Map.of(Severity.CRITICAL, 2, Severity.HIGH, 9),
                        List.of("CRITICAL>0", "HIGH>5")),
                Arguments.of("CRITICAL>0,HIGH>5", Map.of(), List.of()),
                Arguments.of(" critical > 0 , high>=5 ", seedClean, List.of("HIGH>=5")),
                Arguments.of("medium>=12", seedClean, List.of("MEDIUM>=12")),
                Arguments.of("MEDIUM>12", seedClean, List.of()),
                Arguments.of("", oneCritical, List.of()),
                Arguments.of("UNDEFINED>0,INFORMATIONAL>100,LOW>0", Map.of(Severity.LOW, 1), List.of("LOW>0")));
    }

    @ParameterizedTest(name = "[{0}] over {1}")
    @MethodSource("gates")
    void evaluatesEveryThresholdInOrder(String gate, Map<Severity, Integer> counts, List<String> exceeded) {
        List<FailOn.Violation> violations = FailOn.parse(gate).evaluate(counts);
        assertThat(violations).extracting(v -> v.threshold().toString()).containsExactlyElementsOf(exceeded);
        violations.forEach(v -> assertThat(v.count()).isEqualTo(counts.get(v.threshold().severity())));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("CRITICAL", "is not SEVERITY>N"),
                Arguments.of("CRITICAL>", "is not SEVERITY>N"),
                Arguments.of("CRITICAL<1", "is not SEVERITY>N"),
                Arguments.of("CRITICAL>-1", "is not SEVERITY>N"),
                Arguments.of("CRITICAL>0,", "'' is not SEVERITY>N"),
                Arguments.of("SEVERE>0", "unknown severity SEVERE"),
                Arguments.of("HIGH>1.5", "is not SEVERITY>N"),
                Arguments.of("HIGH>99999999999", "is not SEVERITY>N"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedGatesAreUsageErrorsThatShowAnExample(String gate, String why) {
        assertThatThrownBy(() -> FailOn.parse(gate)).isInstanceOf(CliException.class)
                .hasMessageContaining(why).hasMessageContaining("CRITICAL>0,HIGH>5")
                .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(ExitCode.USAGE));
    }

    @ParameterizedTest(name = "[{0}]")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"CRITICAL>0,HIGH>5", " critical > 0 , high>=5 ", ""})
    void printsInCanonicalForm(String gate) {
        FailOn parsed = FailOn.parse(gate);
        assertThat(FailOn.parse(parsed.toString())).isEqualTo(parsed);
    }
}
