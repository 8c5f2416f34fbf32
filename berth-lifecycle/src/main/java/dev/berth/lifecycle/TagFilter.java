package dev.berth.lifecycle;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

/**
 * The tag requirement of a {@code tagged} rule: its {@code tagPrefixList} or its {@code tagPatternList}, or
 * {@link None} for {@code untagged} and {@code any} rules.
 *
 * <p>Matching is ECR's (spec §3.3): the entries are AND-ed: an image matches when <em>every</em> entry matches
 * <em>at least one</em> of its tags, and different entries may be satisfied by different tags. So
 * {@code ["alpha", "beta"]} matches an image tagged {@code alpha-2, beta-2} but not one tagged only {@code alpha-1}.
 * Immutable and thread-safe.
 */
public sealed interface TagFilter {

    /** Whether every entry matches at least one of {@code tags}. */
    boolean matches(List<String> tags);

    /** The set of entries, as written, for comparing the selections of two rules. */
    Set<String> entries();

    /** No tag requirement ({@code untagged} and {@code any} rules). */
    record None() implements TagFilter {
        @Override
        public boolean matches(List<String> tags) {
            return true;
        }

        @Override
        public Set<String> entries() {
            return Set.of();
        }
    }

    /** {@code tagPrefixList}: each prefix must begin at least one tag (a tag is its own prefix). */
    record Prefixes(List<String> prefixes) implements TagFilter {
        public Prefixes {
            prefixes = nonEmpty(prefixes, "tagPrefixList");
        }

        @Override
        public boolean matches(List<String> tags) {
            return all(prefixes, tags, (prefix, tag) -> tag.startsWith(prefix));
        }

        @Override
        public Set<String> entries() {
            return Set.copyOf(prefixes);
        }
    }

    /** {@code tagPatternList}: each pattern must match at least one whole tag. */
    record Patterns(List<TagPattern> patterns) implements TagFilter {
        public Patterns {
            patterns = nonEmpty(patterns, "tagPatternList");
        }

        @Override
        public boolean matches(List<String> tags) {
            return all(patterns, tags, TagPattern::matches);
        }

        @Override
        public Set<String> entries() {
            return patterns.stream().map(TagPattern::pattern).collect(Collectors.toUnmodifiableSet());
        }
    }

    private static <T> List<T> nonEmpty(List<T> entries, String field) {
        Objects.requireNonNull(entries, field);
        if (entries.isEmpty()) {
            throw new InvalidLifecyclePolicyException(field + " must not be empty");
        }
        return List.copyOf(entries);
    }

    private static <T> boolean all(List<T> entries, List<String> tags, BiPredicate<T, String> match) {
        for (T entry : entries) {
            boolean found = false;
            for (String tag : tags) {
                if (match.test(entry, tag)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }
}
