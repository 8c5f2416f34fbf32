package dev.berth.lifecycle;

import dev.berth.oci.Digest;
import java.time.Instant;

/**
 * Why the engine expires or keeps one image. Every {@link Decision} carries exactly one reason; {@link #describe()}
 * is one line for previews and the audit trail. Components are non-null. Immutable and thread-safe.
 *
 * <p>Rule reasons ({@code ...ByCount}, {@code ...ByAge}) name the rule that <em>owns</em> the image: the first rule,
 * in priority order, that selects it. Only that rule can act on it (spec §3.3). The other reasons are Berth's
 * protections of index children and referrers (docs/lifecycle.md).
 */
public sealed interface Reason permits Reason.Expire, Reason.Keep {

    Decision.Action action();

    /** One line, e.g. {@code rule 1 keeps the 10 most recently pushed images it selects; this is number 12}. */
    String describe();

    /** A reason to expire; {@link #rulePriority()} is ECR's {@code appliedRulePriority}. */
    sealed interface Expire extends Reason {
        /** The rule that expires the image, directly or through the index or subject it goes with. */
        int rulePriority();

        @Override
        default Decision.Action action() {
            return Decision.Action.EXPIRE;
        }
    }

    /** A reason to keep. */
    sealed interface Keep extends Reason {
        @Override
        default Decision.Action action() {
            return Decision.Action.KEEP;
        }
    }

    /** An {@code imageCountMoreThan} rule: the image is number {@code position} (newest first), beyond the count. */
    record ExpiredByCount(int rulePriority, int position, int countNumber) implements Expire {
        public String describe() {
            return count(rulePriority, countNumber, position);
        }
    }

    /** A {@code since*} rule: the image's push (or last pull) at {@code since} is more than the rule's days ago. */
    record ExpiredByAge(int rulePriority, CountType countType, int countNumber, Instant since) implements Expire {
        public String describe() {
            return age(rulePriority, countType, countNumber, since);
        }
    }

    /** An index child, not otherwise kept, whose every index in the repository is expired. */
    record ExpiredWithIndex(Digest index, int rulePriority) implements Expire {
        public String describe() {
            return "part of index " + index + ", which rule " + rulePriority + " expires";
        }
    }

    /** A referrer whose subject is expired. */
    record ExpiredWithSubject(Digest subject, int rulePriority) implements Expire {
        public String describe() {
            return "refers to " + subject + ", which rule " + rulePriority + " expires";
        }
    }

    /** An {@code imageCountMoreThan} rule: the image is number {@code position} (newest first), within the count. */
    record KeptByCount(int rulePriority, int position, int countNumber) implements Keep {
        public String describe() {
            return count(rulePriority, countNumber, position);
        }
    }

    /** A {@code since*} rule: the image's push (or last pull) at {@code since} is recent enough. */
    record KeptByAge(int rulePriority, CountType countType, int countNumber, Instant since) implements Keep {
        public String describe() {
            return age(rulePriority, countType, countNumber, since);
        }
    }

    /** No rule selects the image, so no rule may expire it. */
    record NotSelected() implements Keep {
        public String describe() {
            return "no rule selects it";
        }
    }

    /** An index child kept because {@code index}, which lists it, is kept. */
    record KeptWithIndex(Digest index) implements Keep {
        public String describe() {
            return "part of index " + index + ", which is kept";
        }
    }

    /** A tagged index child that rule {@code overruledRule} would expire, kept because {@code index} is kept. */
    record ProtectedByIndex(Digest index, int overruledRule) implements Keep {
        public String describe() {
            return "rule " + overruledRule + " would expire it, but it is part of index " + index + ", which is kept";
        }
    }

    /** A referrer kept because its subject is kept. */
    record KeptWithSubject(Digest subject) implements Keep {
        public String describe() {
            return "refers to " + subject + ", which is kept";
        }
    }

    /** A referrer whose subject is not in the repository: a referrer is never expired on its own. */
    record SubjectAbsent(Digest subject) implements Keep {
        public String describe() {
            return "refers to " + subject + ", which is not in the repository;"
                    + " a referrer only expires with its subject";
        }
    }

    private static String count(int rule, int countNumber, int position) {
        return "rule " + rule + " keeps the " + countNumber + " most recently pushed images it selects; this is number "
                + position;
    }

    private static String age(int rule, CountType type, int countNumber, Instant since) {
        String event = type == CountType.SINCE_IMAGE_PULLED ? "last pulled (or pushed, if never pulled)" : "pushed";
        return "rule " + rule + " expires images " + event + " more than " + countNumber + " days ago; this one at "
                + since;
    }
}
