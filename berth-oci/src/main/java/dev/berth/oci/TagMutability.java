package dev.berth.oci;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Whether a repository's tags may be moved once they exist: ECR's {@code imageTagMutability} with its
 * {@code imageTagMutabilityExclusionFilters}. A pure rule; enforcing it atomically with the tag write is the
 * metadata store's job.
 *
 * <ul>
 *   <li>{@code MUTABLE}: every tag may be overwritten (no filters);
 *   <li>{@code IMMUTABLE}: no tag may be overwritten, not even with the digest it already names (no filters);
 *   <li>{@code IMMUTABLE_WITH_EXCLUSION}: immutable, except the tags that match one of the filters;
 *   <li>{@code MUTABLE_WITH_EXCLUSION}: mutable, except the tags that match one of the filters.
 * </ul>
 * The {@code *_WITH_EXCLUSION} modes need 1 to {@value #MAX_EXCLUSIONS} filters; the others take none. Filters
 * keep the order they were given in (duplicates included), so they can be echoed back as received.
 */
public record TagMutability(Mode mode, List<TagWildcard> exclusions) {
    public static final int MAX_EXCLUSIONS = 5;
    public static final TagMutability MUTABLE = new TagMutability(Mode.MUTABLE, List.of());
    public static final TagMutability IMMUTABLE = new TagMutability(Mode.IMMUTABLE, List.of());

    /** ECR's {@code ImageTagMutability} values, spelled as on the wire. */
    public enum Mode {
        MUTABLE(false, false),
        IMMUTABLE(true, false),
        IMMUTABLE_WITH_EXCLUSION(true, true),
        MUTABLE_WITH_EXCLUSION(false, true);

        private final boolean immutableUnlessExcluded;
        private final boolean takesExclusions;

        Mode(boolean immutableUnlessExcluded, boolean takesExclusions) {
            this.immutableUnlessExcluded = immutableUnlessExcluded;
            this.takesExclusions = takesExclusions;
        }

        /** Whether this mode needs exclusion filters (the {@code *_WITH_EXCLUSION} ones) rather than refuses them. */
        public boolean takesExclusions() {
            return takesExclusions;
        }

        /** The mode spelled exactly as ECR spells it; anything else is refused. */
        public static Mode parse(String text) {
            Objects.requireNonNull(text, "text");
            for (Mode mode : values()) {
                if (mode.name().equals(text)) {
                    return mode;
                }
            }
            throw new InvalidTagMutabilityException("imageTagMutability must be one of "
                    + Arrays.toString(values()) + ", got '" + (text.length() > 64 ? text.substring(0, 64) : text)
                    + "'");
        }
    }

    public TagMutability {
        Objects.requireNonNull(mode, "mode");
        exclusions = List.copyOf(Objects.requireNonNull(exclusions, "exclusions"));
        if (mode.takesExclusions && exclusions.isEmpty()) {
            throw new InvalidTagMutabilityException("imageTagMutability " + mode
                    + " needs 1 to " + MAX_EXCLUSIONS + " exclusion filters");
        }
        if (!mode.takesExclusions && !exclusions.isEmpty()) {
            throw new InvalidTagMutabilityException("exclusion filters are only allowed with "
                    + Mode.IMMUTABLE_WITH_EXCLUSION + " or " + Mode.MUTABLE_WITH_EXCLUSION + ", not with " + mode);
        }
        if (exclusions.size() > MAX_EXCLUSIONS) {
            throw new InvalidTagMutabilityException("at most " + MAX_EXCLUSIONS + " exclusion filters, got "
                    + exclusions.size());
        }
    }

    /** A setting from the mode and filter strings (each parsed with {@link TagWildcard#parse}). */
    public static TagMutability of(Mode mode, String... filters) {
        return new TagMutability(mode, Arrays.stream(filters).map(TagWildcard::parse).toList());
    }

    /** Whether an existing {@code tag} must not be overwritten: the mode's default, flipped by a matching filter. */
    public boolean isImmutable(Tag tag) {
        Objects.requireNonNull(tag, "tag");
        boolean excluded = exclusions.stream().anyMatch(filter -> filter.matches(tag));
        return mode.immutableUnlessExcluded != excluded;
    }
}
