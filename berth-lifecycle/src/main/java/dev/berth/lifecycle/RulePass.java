package dev.berth.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * ECR's part of the evaluation (spec §3.3), over the images that stand on their own (not referrers, not untagged
 * index children). Each such image is <em>owned</em> by the first rule, in priority order, that selects it, and only
 * that rule can expire it: a rule never acts on an image an earlier rule selected, whether that rule expired or kept
 * it. But every rule <em>counts</em> all the images it selects, including those owned by earlier rules. This is
 * the spec's marking algorithm restated; the two agree on every input (LifecycleReferenceModelTest).
 *
 * <p>{@code imageCountMoreThan N} ranks the selected images by {@link #NEWEST_FIRST} and expires the owned ones
 * ranked after N. {@code sinceImagePushed N} expires owned images pushed more than N days (of 24 h) before
 * {@code now}; exactly N days is kept. {@code sinceImagePulled N} does the same with the last recorded pull, or
 * with the push for an image never pulled. Stateless.
 */
final class RulePass {
    /**
     * Most recently pushed first; images pushed at the same instant in ascending order of their digest's text, so
     * that ranks, and so previews and executions, are the same on every run (ECR documents no tie-break).
     */
    static final Comparator<ImageFacts> NEWEST_FIRST = Comparator.comparing(ImageFacts::pushedAt).reversed()
            .thenComparing(image -> image.digest().toString());

    private RulePass() {}

    /**
     * The rule reason of every image with {@code eligible[i]}: expired or kept by its owning rule, or
     * {@link Reason.NotSelected}. Entries of ineligible images are null.
     */
    static Reason[] apply(LifecyclePolicy policy, List<ImageFacts> images, boolean[] eligible, Instant now) {
        Reason[] owned = new Reason[images.size()];
        for (LifecycleRule rule : policy.rules()) {
            List<Integer> selected = new ArrayList<>();
            boolean ownsAny = false;
            for (int i = 0; i < images.size(); i++) {
                if (eligible[i] && rule.selects(images.get(i))) {
                    selected.add(i);
                    ownsAny |= owned[i] == null;
                }
            }
            if (!ownsAny) {
                continue;
            }
            Selection s = rule.selection();
            if (s.countType() == CountType.IMAGE_COUNT_MORE_THAN) {
                selected.sort(Comparator.comparing(images::get, NEWEST_FIRST));
                for (int rank = 0; rank < selected.size(); rank++) {
                    int i = selected.get(rank);
                    if (owned[i] == null) {
                        int position = rank + 1;
                        owned[i] = position > s.countNumber()
                                ? new Reason.ExpiredByCount(rule.rulePriority(), position, s.countNumber())
                                : new Reason.KeptByCount(rule.rulePriority(), position, s.countNumber());
                    }
                }
            } else {
                Instant cutoff = now.minus(s.age());
                for (int i : selected) {
                    if (owned[i] == null) {
                        Instant since = lastUse(images.get(i), s.countType());
                        owned[i] = since.isBefore(cutoff)
                                ? new Reason.ExpiredByAge(rule.rulePriority(), s.countType(), s.countNumber(), since)
                                : new Reason.KeptByAge(rule.rulePriority(), s.countType(), s.countNumber(), since);
                    }
                }
            }
        }
        for (int i = 0; i < owned.length; i++) {
            if (eligible[i] && owned[i] == null) {
                owned[i] = new Reason.NotSelected();
            }
        }
        return owned;
    }

    /** The instant a {@code since*} rule measures from. */
    static Instant lastUse(ImageFacts image, CountType type) {
        return type == CountType.SINCE_IMAGE_PULLED ? image.lastPulledAt().orElse(image.pushedAt()) : image.pushedAt();
    }
}
