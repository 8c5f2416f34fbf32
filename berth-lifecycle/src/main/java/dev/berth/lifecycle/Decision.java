package dev.berth.lifecycle;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The engine's verdict on one image: {@link Action#EXPIRE} or {@link Action#KEEP}, and why. A preview renders the
 * expiring decisions as ECR's {@code previewResults} ({@code imageDigest}, {@code imageTags}, {@code imagePushedAt},
 * {@code action.type EXPIRE}, {@link #appliedRulePriority()}); execution removes exactly those images. Immutable and
 * thread-safe.
 */
public record Decision(ImageFacts image, Reason reason) {

    /** What happens to the image. */
    public enum Action {
        EXPIRE,
        KEEP
    }

    public Decision {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(reason, "reason");
    }

    public Action action() {
        return reason.action();
    }

    public boolean expires() {
        return reason.action() == Action.EXPIRE;
    }

    /** For an expiry, the rule it is attributed to (ECR's {@code appliedRulePriority}); empty for KEEP. */
    public OptionalInt appliedRulePriority() {
        return reason instanceof Reason.Expire e ? OptionalInt.of(e.rulePriority()) : OptionalInt.empty();
    }

    @Override
    public String toString() {
        return action() + " " + image.digest() + " " + image.tagValues() + ": " + reason.describe();
    }
}
