package dev.berth.lifecycle;

import static dev.berth.lifecycle.Fixtures.NOW;
import static dev.berth.lifecycle.Fixtures.digest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.oci.Digest;
import dev.berth.oci.MediaTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random policies over random repositories, checked against (1) the spec's §3.3 marking algorithm transcribed
 * literally, on the images ECR's rules see, and (2) the invariants of Berth's protections. Seeded: a failure names
 * the seed that reproduces it.
 */
class LifecycleReferenceModelTest {
    private static final List<String> TAGS = List.of("v1", "v2", "v10", "prod-1", "prod-2", "beta-1", "beta", "rc-1",
            "1.0-rc1", "latest", "x");
    private static final List<String> PREFIXES = List.of("v", "prod", "beta", "rc", "1", "p", "latest");
    private static final List<String> PATTERNS = List.of("v*", "*-1", "prod*", "*rc*", "*", "beta", "v*0", "*a*t*");

    @Test
    void agreesWithTheSpecsMarkingAlgorithmAndKeepsBerthsPromises() {
        for (long seed = 1; seed <= 3_000; seed++) {
            Random random = new Random(seed);
            LifecyclePolicy policy = randomPolicy(random);
            List<ImageFacts> images = randomImages(random, seed);
            List<Decision> decisions = LifecycleEvaluator.evaluate(policy, images, NOW);
            String context = "seed " + seed + ", policy " + Fixtures.summary(policy);
            checkProtections(policy, images, decisions, context);
            checkRules(policy, images, decisions, context);
        }
    }

    /** ECR's rules, on the images they see, as the spec writes them; images no kept index protects must agree. */
    private static void checkRules(LifecyclePolicy policy, List<ImageFacts> images, List<Decision> decisions,
            String context) {
        Set<Digest> present = new HashSet<>();
        images.forEach(i -> present.add(i.digest()));
        List<ImageFacts> seen = images.stream().filter(i -> i.subject().isEmpty()
                && (i.tagged() || i.parents().stream().noneMatch(present::contains))).toList();
        Map<Digest, Integer> marked = specAlgorithm(policy, seen);
        Map<Digest, Decision> byDigest = new HashMap<>();
        decisions.forEach(d -> byDigest.put(d.image().digest(), d));
        for (ImageFacts image : seen) {
            Decision d = byDigest.get(image.digest());
            if (d.reason() instanceof Reason.ProtectedByIndex p) {
                assertThat(marked.get(image.digest())).as(context).isEqualTo(p.overruledRule());
            } else {
                Integer actual = d.expires() ? d.appliedRulePriority().getAsInt() : null;
                assertThat(actual).as(context + ", image " + image).isEqualTo(marked.get(image.digest()));
            }
        }
    }

    /** The pseudo-code of spec §3.3, line for line. Ties in push time: digest order, as documented. */
    private static Map<Digest, Integer> specAlgorithm(LifecyclePolicy policy, List<ImageFacts> images) {
        Map<Digest, Integer> marked = new HashMap<>();
        List<LifecycleRule> rules = policy.rules();
        for (int r = 0; r < rules.size(); r++) {
            LifecycleRule rule = rules.get(r);
            Selection s = rule.selection();
            List<ImageFacts> candidates = new ArrayList<>(images.stream().filter(rule::selects).toList());
            List<ImageFacts> wouldAct = new ArrayList<>();
            if (s.countType() == CountType.IMAGE_COUNT_MORE_THAN) {
                candidates.sort(Comparator.comparing(ImageFacts::pushedAt).reversed()
                        .thenComparing(i -> i.digest().toString()));
                wouldAct.addAll(candidates.subList(Math.min(s.countNumber(), candidates.size()), candidates.size()));
            } else {
                for (ImageFacts i : candidates) {
                    Instant t = s.countType() == CountType.SINCE_IMAGE_PULLED
                            ? i.lastPulledAt().orElse(i.pushedAt()) : i.pushedAt();
                    if (Duration.between(t, NOW).compareTo(Duration.ofDays(s.countNumber())) > 0) {
                        wouldAct.add(i);
                    }
                }
            }
            for (ImageFacts img : wouldAct) {
                if (marked.containsKey(img.digest())) {
                    continue;
                }
                boolean protectedByHigher = rules.subList(0, r).stream().anyMatch(h -> h.selects(img));
                if (!protectedByHigher) {
                    marked.put(img.digest(), rule.rulePriority());
                }
            }
        }
        return marked;
    }

    private static void checkProtections(LifecyclePolicy policy, List<ImageFacts> images, List<Decision> decisions,
            String context) {
        Map<Digest, Decision> byDigest = new HashMap<>();
        decisions.forEach(d -> byDigest.put(d.image().digest(), d));
        Set<Integer> priorities = new HashSet<>();
        policy.rules().forEach(r -> priorities.add(r.rulePriority()));
        for (Decision d : decisions) {
            ImageFacts image = d.image();
            String at = context + ", image " + image + ", " + d.reason();
            List<Decision> parents = image.parents().stream().map(byDigest::get).filter(p -> p != null).toList();
            Decision subject = image.subject().map(byDigest::get).orElse(null);
            boolean keptParent = parents.stream().anyMatch(p -> !p.expires());
            if (keptParent) {
                assertThat(d.expires()).as("child of a kept index: " + at).isFalse();
            }
            if (subject != null) {
                assertThat(d.expires()).as("referrer follows its subject: " + at)
                        .isEqualTo(subject.expires() && !keptParent);
            } else if (image.subject().isPresent() && parents.isEmpty()) {
                assertThat(d.expires()).as("referrer without subject: " + at).isFalse();
            }
            if (!image.tagged() && image.subject().isEmpty() && !parents.isEmpty()) {
                assertThat(d.expires()).as("untagged child goes with its indexes: " + at).isEqualTo(!keptParent);
            }
            if (d.expires()) {
                assertThat(priorities).as(at).contains(d.appliedRulePriority().getAsInt());
            }
        }
    }

    private static LifecyclePolicy randomPolicy(Random random) {
        while (true) {
            List<LifecycleRule> rules = new ArrayList<>();
            int count = 1 + random.nextInt(5);
            for (int i = 0; i < count; i++) {
                TagStatus status = TagStatus.values()[random.nextInt(3)];
                TagFilter filter = new TagFilter.None();
                if (status == TagStatus.TAGGED) {
                    filter = random.nextBoolean()
                            ? new TagFilter.Prefixes(pick(random, PREFIXES, 1 + random.nextInt(2)))
                            : new TagFilter.Patterns(pick(random, PATTERNS, 1 + random.nextInt(2)).stream()
                                    .map(TagPattern::parse).toList());
                }
                CountType type = CountType.values()[random.nextInt(3)];
                int number = 1 + random.nextInt(type == CountType.IMAGE_COUNT_MORE_THAN ? 6 : 15);
                rules.add(new LifecycleRule(1 + random.nextInt(20), "", new Selection(status, filter, type, number),
                        RuleAction.EXPIRE));
            }
            try {
                return new LifecyclePolicy(rules);
            } catch (InvalidLifecyclePolicyException e) {
                // an invalid combination (duplicate priority, 'any' not last...): draw again
            }
        }
    }

    /** Up to 40 images pushed on whole days (so ties are common); some indexes with children, some referrers. */
    private static List<ImageFacts> randomImages(Random random, long seed) {
        List<ImageFacts> images = new ArrayList<>();
        int count = random.nextInt(41);
        for (int i = 0; i < count; i++) {
            Digest digest = digest(seed + "/" + i);
            boolean isIndex = random.nextInt(5) == 0;
            ImageFacts.Builder b = ImageFacts.builder(digest, isIndex ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST,
                    NOW.minus(Duration.ofDays(random.nextInt(20))));
            if (random.nextInt(3) > 0) {
                b.tags(pick(random, TAGS, 1 + random.nextInt(3)).stream().map(dev.berth.oci.Tag::parse).toList());
            }
            if (random.nextBoolean()) {
                b.lastPulledAt(NOW.minus(Duration.ofHours(random.nextInt(24 * 30))));
            }
            for (int k = 0; k < random.nextInt(3) && i > 0; k++) {
                b.parent(images.get(random.nextInt(i)).digest()); // only earlier images: no cycles
            }
            if (random.nextInt(6) == 0) {
                b.subject(i > 0 && random.nextInt(4) > 0 ? images.get(random.nextInt(i)).digest() : digest("absent"));
            }
            if (random.nextInt(10) == 0) {
                b.parent(digest("absent-index"));
            }
            images.add(b.build());
        }
        java.util.Collections.shuffle(images, random);
        return images;
    }

    private static <T> List<T> pick(Random random, List<T> from, int n) {
        List<T> copy = new ArrayList<>(from);
        java.util.Collections.shuffle(copy, random);
        return copy.subList(0, n);
    }
}
