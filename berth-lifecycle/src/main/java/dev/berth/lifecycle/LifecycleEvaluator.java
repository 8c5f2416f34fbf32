package dev.berth.lifecycle;

import dev.berth.oci.Digest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The lifecycle engine: a pure function of (policy, the repository's images, the clock's now) that decides, for
 * every image, EXPIRE or KEEP and why. Preview (StartLifecyclePolicyPreview) and execution (the scheduled or
 * on-demand run) both call this one function with the same inputs and differ only in what they do with the result;
 * so what a preview shows is exactly what a run removes, given the same images and instant.
 *
 * <p>Two passes. First ECR's rules ({@link RulePass}, spec §3.3) over the images that stand on their own: every
 * image except referrers and untagged children of an index present in the repository. Then Berth's protections,
 * always on, resolved in dependency order:
 * <ul>
 *   <li>An index child is kept while any index listing it is kept ({@link Reason.KeptWithIndex}; a tagged child
 *       that its own rule would expire: {@link Reason.ProtectedByIndex}). An untagged child is expired with its
 *       indexes when all of them are expired ({@link Reason.ExpiredWithIndex}); a tagged child stands on its own
 *       tags then.</li>
 *   <li>A referrer (an image with a {@code subject}) is never selected by a rule: it is kept while its subject is
 *       kept and expired when its subject is ({@link Reason.ExpiredWithSubject}), unless an index listing it is
 *       kept. A referrer whose subject is not in the repository is kept ({@link Reason.SubjectAbsent}).</li>
 * </ul>
 * Digests named as parents or subjects but absent from {@code images} are ignored. Deterministic: the same inputs
 * give the same decisions, in the order of {@code images}. Linear in the images and their links, plus one sort per
 * {@code imageCountMoreThan} rule. Stateless and thread-safe.
 */
public final class LifecycleEvaluator {
    private LifecycleEvaluator() {}

    /**
     * Decides every image of one repository.
     *
     * @param images every manifest in the repository, each digest once
     * @param now the instant {@code since*} rules measure from (the injected clock's, never the system's)
     * @return one decision per image, in the order of {@code images}
     * @throws IllegalArgumentException if a digest is listed twice, or parents and subjects form a cycle
     */
    public static List<Decision> evaluate(LifecyclePolicy policy, List<ImageFacts> images, Instant now) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(now, "now");
        ImageGraph graph = new ImageGraph(List.copyOf(images));
        boolean[] standalone = new boolean[graph.size()];
        for (int i = 0; i < standalone.length; i++) {
            ImageFacts image = graph.image(i);
            standalone[i] = image.subject().isEmpty() && (image.tagged() || graph.parents(i).isEmpty());
        }
        Reason[] ruled = RulePass.apply(policy, graph.images(), standalone, now);
        Reason[] reasons = new Reason[graph.size()];
        for (int i : graph.dependencyOrder()) {
            reasons[i] = decide(graph, i, standalone[i] ? ruled[i] : null, reasons);
        }
        List<Decision> decisions = new ArrayList<>(reasons.length);
        for (int i = 0; i < reasons.length; i++) {
            decisions.add(new Decision(graph.image(i), reasons[i]));
        }
        return decisions;
    }

    /**
     * Berth's protections for image {@code i}, whose parents and subject are already decided. {@code ruled} is the
     * rule pass's reason, or null for an image the rules do not see (a referrer, an untagged index child).
     */
    private static Reason decide(ImageGraph graph, int i, Reason ruled, Reason[] decided) {
        ImageFacts image = graph.image(i);
        List<Integer> parents = graph.parents(i);
        Integer keptParent = parents.stream().filter(p -> !(decided[p] instanceof Reason.Expire)).findFirst()
                .orElse(null);
        if (image.subject().isPresent()) {
            Digest subject = image.subject().get();
            int s = graph.subject(i);
            if (s >= 0 && !(decided[s] instanceof Reason.Expire)) {
                return new Reason.KeptWithSubject(subject);
            } else if (keptParent != null) {
                return new Reason.KeptWithIndex(graph.image(keptParent).digest());
            } else if (s >= 0) {
                return new Reason.ExpiredWithSubject(subject, ((Reason.Expire) decided[s]).rulePriority());
            }
            return parents.isEmpty() ? new Reason.SubjectAbsent(subject) : expiredWithIndex(graph, parents, decided);
        }
        if (ruled == null) {
            return keptParent != null
                    ? new Reason.KeptWithIndex(graph.image(keptParent).digest())
                    : expiredWithIndex(graph, parents, decided);
        }
        if (ruled instanceof Reason.Expire expire && keptParent != null) {
            return new Reason.ProtectedByIndex(graph.image(keptParent).digest(), expire.rulePriority());
        }
        return ruled;
    }

    /** Expired with the parent whose own expiry has the lowest rule priority (then the lowest digest). */
    private static Reason expiredWithIndex(ImageGraph graph, List<Integer> parents, Reason[] decided) {
        int chosen = parents.get(0);
        for (int p : parents) {
            // parents are in ascending digest order: a strict < keeps the lowest digest among equal priorities
            if (priority(decided[p]) < priority(decided[chosen])) {
                chosen = p;
            }
        }
        return new Reason.ExpiredWithIndex(graph.image(chosen).digest(), priority(decided[chosen]));
    }

    private static int priority(Reason expired) {
        return ((Reason.Expire) expired).rulePriority();
    }
}
