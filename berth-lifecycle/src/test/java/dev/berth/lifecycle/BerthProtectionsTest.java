package dev.berth.lifecycle;

import static dev.berth.lifecycle.Fixtures.digest;
import static dev.berth.lifecycle.Fixtures.evaluate;
import static dev.berth.lifecycle.Fixtures.expired;
import static dev.berth.lifecycle.Fixtures.image;
import static dev.berth.lifecycle.Fixtures.index;
import static dev.berth.lifecycle.Fixtures.policy;
import static dev.berth.lifecycle.Fixtures.reasons;
import static dev.berth.lifecycle.Fixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where Berth goes beyond ECR, always on: children of a kept index are kept, referrers go with their subject, and
 * every decision says why. The seed policy ("keep 10 v*, untagged after 7 days") is the usual backdrop.
 */
class BerthProtectionsTest {
    private static final String SEED = Fixtures.resource("seeds/000-lifecycle.json");
    private static final String KEEP_1_V = policy(rule(1, "'tagStatus': 'tagged', 'tagPrefixList': ['v'], "
            + "'countType': 'imageCountMoreThan', 'countNumber': 1"),
            rule(2, "'tagStatus': 'untagged', 'countType': 'sinceImagePushed', 'countUnit': 'days', 'countNumber': 7"));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("children of a kept multi-arch index are not 'untagged garbage'", SEED,
                        new ImageFacts.Builder[] {index("idx", 30, "v1"), image("amd64", 30).parent(digest("idx")),
                            image("arm64", 30).parent(digest("idx")), image("loose", 30)},
                        Map.of("loose", 2),
                        Map.of("amd64", "KeptWithIndex[index=idx]", "arm64", "KeptWithIndex[index=idx]",
                                "idx", "KeptByCount[rulePriority=1, position=1, countNumber=10]")),
                Arguments.of("children of an expired index expire with it, under its rule", KEEP_1_V,
                        new ImageFacts.Builder[] {index("old", 5, "v1"), image("oldAmd64", 5).parent(digest("old")),
                            index("new", 1, "v2"), image("newAmd64", 1).parent(digest("new"))},
                        Map.of("old", 1, "oldAmd64", 1),
                        Map.of("oldAmd64", "ExpiredWithIndex[index=old, rulePriority=1]")),
                Arguments.of("a child shared by an expired and a kept index is kept", KEEP_1_V,
                        new ImageFacts.Builder[] {index("old", 5, "v1"), index("new", 1, "v2"),
                            image("shared", 5).parents(List.of(digest("old"), digest("new")))},
                        Map.of("old", 1),
                        Map.of("shared", "KeptWithIndex[index=new]")),
                Arguments.of("untagged children are not counted by count rules", policy(rule(1,
                        "'tagStatus': 'any', 'countType': 'imageCountMoreThan', 'countNumber': 2")),
                        new ImageFacts.Builder[] {index("idx", 1, "a"), image("c1", 1).parent(digest("idx")),
                            image("c2", 1).parent(digest("idx")), image("B", 2, "b"), image("C", 3, "c")},
                        Map.of("C", 1),
                        Map.of("c1", "KeptWithIndex[index=idx]")),
                Arguments.of("a tagged child its own rule would expire is protected by its kept index", KEEP_1_V,
                        new ImageFacts.Builder[] {index("idx", 3, "latest"), image("amd64", 3, "v1-amd64")
                            .parent(digest("idx")), image("v2", 1, "v2")},
                        Map.of(),
                        Map.of("amd64", "ProtectedByIndex[index=idx, overruledRule=1]", "idx", "NotSelected[]")),
                Arguments.of("a tagged child stands on its own tags when its index expires", KEEP_1_V,
                        new ImageFacts.Builder[] {index("idx", 9), image("amd64", 9, "amd64-latest")
                            .parent(digest("idx")), image("arm64", 9).parent(digest("idx"))},
                        Map.of("idx", 2, "arm64", 2),
                        Map.of("amd64", "NotSelected[]")),
                Arguments.of("a nested index: grandchildren follow the middle index", KEEP_1_V,
                        new ImageFacts.Builder[] {index("top", 20, "v1"), index("mid", 20).parent(digest("top")),
                            image("leaf", 20).parent(digest("mid"))},
                        Map.of(),
                        Map.of("mid", "KeptWithIndex[index=top]", "leaf", "KeptWithIndex[index=mid]")),
                Arguments.of("an index absent from the repository does not protect: the child is untagged", SEED,
                        new ImageFacts.Builder[] {image("orphan", 8).parent(digest("gone"))},
                        Map.of("orphan", 2), Map.of()),
                Arguments.of("referrers of a kept image are kept, however old and untagged", SEED,
                        new ImageFacts.Builder[] {image("app", 30, "v1"), image("sig", 30).subject(digest("app")),
                            image("sbom", 30).subject(digest("app"))},
                        Map.of(),
                        Map.of("sig", "KeptWithSubject[subject=app]", "sbom", "KeptWithSubject[subject=app]")),
                Arguments.of("referrers expire exactly with their subject, under its rule", KEEP_1_V,
                        new ImageFacts.Builder[] {image("v1", 5, "v1"), image("v1sig", 0).subject(digest("v1")),
                            image("v2", 1, "v2"), image("v2sig", 20).subject(digest("v2"))},
                        Map.of("v1", 1, "v1sig", 1),
                        Map.of("v1sig", "ExpiredWithSubject[subject=v1, rulePriority=1]")),
                Arguments.of("a signature of an SBOM follows the SBOM, which follows the image", KEEP_1_V,
                        new ImageFacts.Builder[] {image("v1", 5, "v1"), image("sbom", 5).subject(digest("v1")),
                            image("sbomSig", 5).subject(digest("sbom")), image("v2", 1, "v2")},
                        Map.of("v1", 1, "sbom", 1, "sbomSig", 1), Map.of()),
                Arguments.of("a referrer of an index child follows the index", KEEP_1_V,
                        new ImageFacts.Builder[] {index("idx", 30, "v1"), image("amd64", 30).parent(digest("idx")),
                            image("amd64sig", 30).subject(digest("amd64"))},
                        Map.of(),
                        Map.of("amd64sig", "KeptWithSubject[subject=amd64]")),
                Arguments.of("a referrer is never selected by a rule, even when tagged", KEEP_1_V,
                        new ImageFacts.Builder[] {image("app", 1, "latest"), image("att", 1, "v0-att")
                            .subject(digest("app")), image("v1", 2, "v1"), image("v2", 3, "v2")},
                        Map.of("v2", 1),
                        Map.of("att", "KeptWithSubject[subject=app]",
                                "v1", "KeptByCount[rulePriority=1, position=1, countNumber=1]")),
                Arguments.of("a referrer whose subject is absent is kept", SEED,
                        new ImageFacts.Builder[] {image("dangling", 90).subject(digest("deleted"))},
                        Map.of(),
                        Map.of("dangling", "SubjectAbsent[subject=deleted]")),
                Arguments.of("a referrer listed by a kept index stays although its subject expires", KEEP_1_V,
                        new ImageFacts.Builder[] {image("old", 5, "v1"), image("new", 1, "v2"),
                            index("bundle", 1, "bundle"), image("att", 5).subject(digest("old"))
                                .parent(digest("bundle"))},
                        Map.of("old", 1),
                        Map.of("att", "KeptWithIndex[index=bundle]")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void protects(String name, String policy, ImageFacts.Builder[] images, Map<String, Integer> expired,
            Map<String, String> someReasons) {
        List<Decision> decisions = evaluate(policy, images);
        assertThat(expired(decisions)).isEqualTo(expired);
        assertThat(reasons(decisions)).containsAllEntriesOf(someReasons);
    }

    @Test
    void everyDecisionExplainsItself() {
        List<Decision> decisions = evaluate(KEEP_1_V, index("old", 5, "v1"), image("c", 5).parent(digest("old")),
                image("s", 5).subject(digest("c")), index("new", 1, "v2"), image("d", 1).parent(digest("new")),
                image("t", 1).subject(digest("d")), image("u", 3));
        assertThat(decisions).allSatisfy(d -> assertThat(d.reason().describe()).isNotBlank());
        assertThat(decisions.get(1).reason().describe()).isEqualTo("part of index " + digest("old")
                + ", which rule 1 expires");
        assertThat(decisions.get(2).reason().describe()).isEqualTo("refers to " + digest("c")
                + ", which rule 1 expires");
        assertThat(decisions.get(5).reason().describe()).isEqualTo("refers to " + digest("d") + ", which is kept");
    }

    @Test
    void aDeepChainOfReferrersNeedsNoRecursion() {
        List<ImageFacts.Builder> chain = new ArrayList<>();
        chain.add(image("root", 5, "v1"));
        chain.add(image("v2", 1, "v2"));
        for (int i = 1; i <= 20_000; i++) {
            chain.add(image("r" + i, 5).subject(digest(i == 1 ? "root" : "r" + (i - 1))));
        }
        List<Decision> decisions = evaluate(KEEP_1_V, chain.reversed().toArray(ImageFacts.Builder[]::new));
        assertThat(decisions.stream().filter(Decision::expires).count()).isEqualTo(20_001);
    }

    @Test
    void refusesACycle() {
        assertThatThrownBy(() -> evaluate(SEED, image("a", 1).subject(digest("b")), image("b", 1).parent(digest("a"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a cycle");
        assertThatThrownBy(() -> image("self", 1).parent(digest("self")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("its own parent or subject");
    }
}
