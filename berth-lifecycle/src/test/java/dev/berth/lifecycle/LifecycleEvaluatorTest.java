package dev.berth.lifecycle;

import static dev.berth.lifecycle.Fixtures.NOW;
import static dev.berth.lifecycle.Fixtures.daysAgo;
import static dev.berth.lifecycle.Fixtures.evaluate;
import static dev.berth.lifecycle.Fixtures.expired;
import static dev.berth.lifecycle.Fixtures.image;
import static dev.berth.lifecycle.Fixtures.policy;
import static dev.berth.lifecycle.Fixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.oci.MediaTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ECR's evaluation semantics (spec §3.3) on images that stand on their own, with the clock fixed at {@code NOW}. */
class LifecycleEvaluatorTest {
    private static final String PROD_1 = rule(1, "'tagStatus': 'tagged', 'tagPrefixList': ['prod'], "
            + "'countType': 'imageCountMoreThan', 'countNumber': 1");
    private static final String BETA_1 = "'tagStatus': 'tagged', 'tagPrefixList': ['beta'], "
            + "'countType': 'imageCountMoreThan', 'countNumber': 1";

    private static ImageFacts.Builder[] exampleAbc() {
        return new ImageFacts.Builder[] {
            image("A", 10, "beta-1", "prod-1"), image("B", 9, "beta-2", "prod-2"), image("C", 8, "beta-3")};
    }

    /** The worked examples of the ECR documentation, as the spec records them, with their documented results. */
    static Stream<Arguments> workedExamples() {
        return Stream.of(
                Arguments.of("A: prod before beta - only A expires",
                        policy(PROD_1, rule(2, BETA_1)), exampleAbc(), Map.of("A", 1)),
                Arguments.of("B: beta before prod - A and B expire",
                        policy(rule(1, BETA_1), PROD_1.replace("'rulePriority': 1", "'rulePriority': 2")),
                        exampleAbc(), Map.of("A", 1, "B", 1)),
                Arguments.of("multiple prefixes in one rule: only C and F match, C expires",
                        policy(rule(1, "'tagStatus': 'tagged', 'tagPrefixList': ['alpha', 'beta'], "
                                + "'countType': 'sinceImagePushed', 'countUnit': 'days', 'countNumber': 5")),
                        new ImageFacts.Builder[] {
                            image("A", 12, "alpha-1"), image("B", 11, "beta-1"), image("C", 10, "alpha-2", "beta-2"),
                            image("D", 4, "alpha-3"), image("E", 3, "beta-3"), image("F", 2, "alpha-4", "beta-4")},
                        Map.of("C", 1)),
                Arguments.of("tags are not exclusive: all three match, A and B expire",
                        policy(rule(1, "'tagStatus': 'tagged', 'tagPrefixList': ['alpha', 'beta'], "
                                + "'countType': 'imageCountMoreThan', 'countNumber': 1")),
                        new ImageFacts.Builder[] {
                            image("A", 10, "alpha-1", "beta-1", "gamma-1"), image("B", 9, "alpha-2", "beta-2"),
                            image("C", 8, "alpha-3", "beta-3", "gamma-2")},
                        Map.of("A", 1, "B", 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workedExamples")
    void reproducesEcrsWorkedExamples(String name, String policy, ImageFacts.Builder[] images,
            Map<String, Integer> expected) {
        assertThat(expired(evaluate(policy, images))).isEqualTo(expected);
    }

    @Test
    void exampleAExplainsWhyBIsKept() {
        Map<String, String> reasons = Fixtures.reasons(evaluate(policy(PROD_1, rule(2, BETA_1)), exampleAbc()));
        // B is owned by rule 1 (it has a prod tag) and is its newest: rule 2 would expire it but may not.
        assertThat(reasons).containsEntry("B", "KeptByCount[rulePriority=1, position=1, countNumber=1]")
                .containsEntry("C", "KeptByCount[rulePriority=2, position=1, countNumber=1]");
    }

    static Stream<Arguments> scenarios() {
        String anyCount2 = rule(9, "'tagStatus': 'any', 'countType': 'imageCountMoreThan', 'countNumber': 2");
        String untagged7 = "'tagStatus': 'untagged', 'countType': 'sinceImagePushed', 'countUnit': 'days', "
                + "'countNumber': 7";
        return Stream.of(
                Arguments.of("prefix v matches v, v1 and version; not rc-v1",
                        policy(rule(1, "'tagStatus': 'tagged', 'tagPrefixList': ['v'], "
                                + "'countType': 'sinceImagePushed', 'countUnit': 'days', 'countNumber': 1")),
                        new ImageFacts.Builder[] {image("A", 5, "v"), image("B", 5, "v1"), image("C", 5, "version"),
                            image("D", 5, "rc-v1"), image("E", 5, "V1")},
                        Map.of("A", 1, "B", 1, "C", 1)),
                Arguments.of("pattern v matches only the tag v; v* matches v and v1",
                        policy(rule(1, "'tagStatus': 'tagged', 'tagPatternList': ['v'], "
                                + "'countType': 'sinceImagePushed', 'countUnit': 'days', 'countNumber': 1"),
                                rule(2, "'tagStatus': 'tagged', 'tagPatternList': ['v*'], "
                                        + "'countType': 'sinceImagePushed', 'countUnit': 'days', 'countNumber': 3")),
                        new ImageFacts.Builder[] {image("A", 2, "v"), image("B", 2, "v1"), image("C", 4, "v2"),
                            image("D", 4, "prev1")},
                        Map.of("A", 1, "C", 2)),
                Arguments.of("pattern *-rc* matches 1.0-rc1 anywhere; prefix rc does not",
                        policy(rule(1, "'tagStatus': 'tagged', 'tagPatternList': ['*-rc*'], "
                                + "'countType': 'imageCountMoreThan', 'countNumber': 1"),
                                rule(2, "'tagStatus': 'tagged', 'tagPrefixList': ['rc'], "
                                        + "'countType': 'imageCountMoreThan', 'countNumber': 1")),
                        new ImageFacts.Builder[] {image("A", 3, "1.0-rc1"), image("B", 2, "2.0-rc1"),
                            image("C", 5, "rc1"), image("D", 4, "rc2")},
                        Map.of("A", 1, "C", 2)),
                Arguments.of("patterns are AND-ed like prefixes: every pattern must match some tag",
                        policy(rule(1, "'tagStatus': 'tagged', 'tagPatternList': ['prod*', '*-arm64'], "
                                + "'countType': 'sinceImagePushed', 'countUnit': 'days', 'countNumber': 1")),
                        new ImageFacts.Builder[] {image("A", 3, "prod-1", "1-arm64"), image("B", 3, "prod-2"),
                            image("C", 3, "prod-3-arm64")},
                        Map.of("A", 1, "C", 1)),
                Arguments.of("a later rule counts images an earlier rule owns, but cannot expire them",
                        policy(PROD_1, anyCount2),
                        new ImageFacts.Builder[] {image("P1", 1, "prod-1"), image("P2", 2, "prod-2"),
                            image("X", 3, "x"), image("U", 4), image("P3", 5, "prod-3")},
                        Map.of("P2", 1, "P3", 1, "X", 9, "U", 9)),
                Arguments.of("any rule last after an untagged rule: untagged images are the untagged rule's",
                        policy(rule(1, untagged7), anyCount2),
                        new ImageFacts.Builder[] {image("U1", 1), image("U2", 2), image("U3", 8), image("T1", 3, "a"),
                            image("T2", 4, "b"), image("T3", 9, "c")},
                        Map.of("U3", 1, "T1", 9, "T2", 9, "T3", 9)),
                Arguments.of("sinceImagePushed: exactly 7 days is kept, a minute more is expired",
                        policy(rule(1, untagged7)),
                        new ImageFacts.Builder[] {image("A", 7), image("B", 7 + 1.0 / 1440), image("C", 6.9)},
                        Map.of("B", 1)),
                Arguments.of("sinceImagePulled: last pull counts; never pulled counts from the push",
                        policy(rule(1, "'tagStatus': 'any', 'countType': 'sinceImagePulled', 'countUnit': 'days', "
                                + "'countNumber': 30")),
                        new ImageFacts.Builder[] {
                            image("oldPulledRecently", 100, "a").lastPulledAt(daysAgo(2)),
                            image("oldPulledLongAgo", 100, "b").lastPulledAt(daysAgo(31)),
                            image("oldNeverPulled", 40), image("newNeverPulled", 10, "c")},
                        Map.of("oldPulledLongAgo", 1, "oldNeverPulled", 1)),
                Arguments.of("an image no rule selects is kept", policy(PROD_1),
                        new ImageFacts.Builder[] {image("A", 100, "latest"), image("B", 100)}, Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void evaluates(String name, String policy, ImageFacts.Builder[] images, Map<String, Integer> expected) {
        assertThat(expired(evaluate(policy, images))).isEqualTo(expected);
    }

    @Test
    void countTiesAreBrokenByDigestSoRunsAgree() {
        // Five images pushed at the same instant; keep 2. The two kept are the lowest digests, on every run.
        String policy = policy(rule(1, "'tagStatus': 'any', 'countType': 'imageCountMoreThan', 'countNumber': 2"));
        List<ImageFacts.Builder> images = new ArrayList<>();
        for (String n : List.of("e", "d", "c", "b", "a")) {
            images.add(image(n, 3));
        }
        List<Decision> decisions = evaluate(policy, images.toArray(ImageFacts.Builder[]::new));
        List<String> kept = decisions.stream().filter(d -> !d.expires()).map(d -> d.image().digest().toString())
                .sorted().toList();
        List<String> all = decisions.stream().map(d -> d.image().digest().toString()).sorted().toList();
        assertThat(kept).isEqualTo(all.subList(0, 2));
        List<Decision> reversed = evaluate(policy, images.reversed().toArray(ImageFacts.Builder[]::new));
        assertThat(expired(reversed)).isEqualTo(expired(decisions));
    }

    @Test
    void decisionsComeInInputOrderWithTheirReasons() {
        List<Decision> decisions = evaluate(Fixtures.resource("seeds/000-lifecycle.json"),
                image("old", 10), image("v1", 1, "v1"), image("latest", 100, "latest"));
        assertThat(decisions).extracting(d -> Fixtures.name(d.image().digest())).containsExactly("old", "v1", "latest");
        assertThat(decisions.get(0).reason()).isEqualTo(new Reason.ExpiredByAge(2, CountType.SINCE_IMAGE_PUSHED, 7,
                daysAgo(10)));
        assertThat(decisions.get(0).appliedRulePriority()).hasValue(2);
        assertThat(decisions.get(1).reason()).isEqualTo(new Reason.KeptByCount(1, 1, 10));
        assertThat(decisions.get(1).appliedRulePriority()).isEmpty();
        assertThat(decisions.get(2).reason()).isEqualTo(new Reason.NotSelected());
        assertThat(decisions.get(0).reason().describe())
                .isEqualTo("rule 2 expires images pushed more than 7 days ago; this one at " + daysAgo(10));
        assertThat(decisions.get(1).reason().describe())
                .isEqualTo("rule 1 keeps the 10 most recently pushed images it selects; this is number 1");
    }

    @Test
    void evaluatesAHundredThousandImages() {
        // The benchmark size; timing belongs in docs/benchmarks.md, this checks the result at that scale.
        List<ImageFacts> images = new ArrayList<>();
        int untaggedOlderThan7Days = 0;
        for (int i = 0; i < 100_000; i++) {
            Instant pushed = NOW.minus(Duration.ofMinutes(i));
            ImageFacts.Builder b = ImageFacts.builder(Fixtures.digest("bulk" + i), MediaTypes.OCI_MANIFEST, pushed);
            if (i % 2 == 0) {
                b.tag("v" + i).tag("sha-" + i);
            } else if (Duration.between(pushed, NOW).compareTo(Duration.ofDays(7)) > 0) {
                untaggedOlderThan7Days++;
            }
            images.add(b.build());
        }
        List<Decision> decisions = LifecycleEvaluator.evaluate(Fixtures.seed("000-lifecycle.json"), images, NOW);
        assertThat(expired(decisions).values().stream().filter(p -> p == 1).count()).isEqualTo(50_000 - 10);
        assertThat(expired(decisions).values().stream().filter(p -> p == 2).count()).isEqualTo(untaggedOlderThan7Days);
    }

    @Test
    void refusesADigestListedTwice() {
        assertThatThrownBy(() -> evaluate(policy(PROD_1), image("A", 1), image("A", 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is listed twice");
    }

    @Test
    void theClockIsAnArgument() {
        LifecyclePolicy policy = Fixtures.seed("002-lifecycle.json");
        List<ImageFacts> images = List.of(image("U", 0.5).build());
        assertThat(LifecycleEvaluator.evaluate(policy, images, NOW).get(0).expires()).isFalse();
        assertThat(LifecycleEvaluator.evaluate(policy, images, NOW.plusSeconds(86_400)).get(0).expires()).isTrue();
    }
}
