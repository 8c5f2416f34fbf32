package dev.berth.lifecycle;

import dev.berth.oci.Digest;
import dev.berth.oci.Tag;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the lifecycle engine knows about one manifest in a repository: everything it decides on, nothing else.
 * Immutable and thread-safe; built with {@link #builder}.
 *
 * <ul>
 *   <li>{@code tags}: the tags now pointing at it (none = untagged), kept sorted and without duplicates;</li>
 *   <li>{@code pushedAt}: when it was pushed; {@code lastPulledAt}: the last recorded pull, absent if never
 *       pulled;</li>
 *   <li>{@code parents}: the indexes (manifest lists) <em>in this repository</em> that list it as a child;
 *       empty when it is not part of an index;</li>
 *   <li>{@code subject}: for a referrer (signature, SBOM, attestation), the digest in its {@code subject}
 *       field.</li>
 * </ul>
 */
public final class ImageFacts {
    private final Digest digest;
    private final String mediaType;
    private final List<Tag> tags;
    private final List<String> tagValues;
    private final Instant pushedAt;
    private final Instant lastPulledAt;
    private final Set<Digest> parents;
    private final Digest subject;

    private ImageFacts(Builder b) {
        this.digest = b.digest;
        this.mediaType = b.mediaType;
        this.tags = List.copyOf(b.tags);
        this.tagValues = tags.stream().map(Tag::value).toList();
        this.pushedAt = b.pushedAt;
        this.lastPulledAt = b.lastPulledAt;
        this.parents = Collections.unmodifiableSet(new LinkedHashSet<>(b.parents));
        this.subject = b.subject;
    }

    /** Starts the facts of the manifest {@code digest} of {@code mediaType}, pushed at {@code pushedAt}. */
    public static Builder builder(Digest digest, String mediaType, Instant pushedAt) {
        return new Builder(digest, mediaType, pushedAt);
    }

    public Digest digest() {
        return digest;
    }

    /** The manifest's media type (reported, not decided on). */
    public String mediaType() {
        return mediaType;
    }

    /** Sorted, distinct; empty when untagged. */
    public List<Tag> tags() {
        return tags;
    }

    /** The tags as strings, in the order of {@link #tags()}. */
    public List<String> tagValues() {
        return tagValues;
    }

    public boolean tagged() {
        return !tags.isEmpty();
    }

    public Instant pushedAt() {
        return pushedAt;
    }

    /** The last recorded pull; empty if the image was never pulled. */
    public Optional<Instant> lastPulledAt() {
        return Optional.ofNullable(lastPulledAt);
    }

    /** The indexes in this repository that list this manifest as a child; empty if none. */
    public Set<Digest> parents() {
        return parents;
    }

    /** The digest this referrer points at with its {@code subject} field; empty for an ordinary manifest. */
    public Optional<Digest> subject() {
        return Optional.ofNullable(subject);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageFacts f && f.digest.equals(digest) && f.mediaType.equals(mediaType)
                && f.tags.equals(tags) && f.pushedAt.equals(pushedAt) && Objects.equals(f.lastPulledAt, lastPulledAt)
                && f.parents.equals(parents) && Objects.equals(f.subject, subject);
    }

    @Override
    public int hashCode() {
        return Objects.hash(digest, tags, pushedAt);
    }

    @Override
    public String toString() {
        return digest + (tags.isEmpty() ? "" : " " + tagValues) + " pushed " + pushedAt;
    }

    /** Collects the facts; {@link #build} freezes them. Not thread-safe. */
    public static final class Builder {
        private final Digest digest;
        private final String mediaType;
        private final Instant pushedAt;
        private final Set<Tag> tags = new TreeSet<>();
        private final Set<Digest> parents = new LinkedHashSet<>();
        private Instant lastPulledAt;
        private Digest subject;

        private Builder(Digest digest, String mediaType, Instant pushedAt) {
            this.digest = Objects.requireNonNull(digest, "digest");
            this.mediaType = Objects.requireNonNull(mediaType, "mediaType");
            this.pushedAt = Objects.requireNonNull(pushedAt, "pushedAt");
        }

        public Builder tags(Collection<Tag> values) {
            values.forEach(t -> tags.add(Objects.requireNonNull(t, "tag")));
            return this;
        }

        public Builder tag(String value) {
            tags.add(Tag.parse(value));
            return this;
        }

        public Builder lastPulledAt(Instant value) {
            this.lastPulledAt = Objects.requireNonNull(value, "lastPulledAt");
            return this;
        }

        /** Records that the index {@code index} in this repository lists this manifest as a child. */
        public Builder parent(Digest index) {
            parents.add(Objects.requireNonNull(index, "index"));
            return this;
        }

        public Builder parents(Collection<Digest> indexes) {
            indexes.forEach(this::parent);
            return this;
        }

        public Builder subject(Digest value) {
            this.subject = Objects.requireNonNull(value, "subject");
            return this;
        }

        /** @throws IllegalArgumentException if the manifest names itself as its parent or subject */
        public ImageFacts build() {
            if (parents.contains(digest) || digest.equals(subject)) {
                throw new IllegalArgumentException(digest + " cannot be its own parent or subject");
            }
            return new ImageFacts(this);
        }
    }
}
