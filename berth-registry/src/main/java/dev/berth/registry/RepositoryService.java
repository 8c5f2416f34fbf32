package dev.berth.registry;

import dev.berth.metadata.DeletedRepository;
import dev.berth.metadata.EncryptionConfiguration;
import dev.berth.metadata.RepositoryAlreadyExistsException;
import dev.berth.metadata.RepositoryNotEmptyException;
import dev.berth.metadata.RepositorySettings;
import dev.berth.metadata.RepositorySettingsStore;
import dev.berth.metadata.ResourceTag;
import dev.berth.metadata.TooManyResourceTagsException;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.TagMutability;
import dev.berth.storage.BlobStore;
import java.io.IOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repositories as ECR manages them: created explicitly with settings, described, reconfigured, tagged and deleted.
 * Of the settings, only the tag mutability has an effect, and {@link ManifestService#put} applies it; scan on push
 * and encryption are recorded and reported. Settings read back always carry a registry id: the one recorded, or
 * this registry's own for a repository created by a push.
 *
 * <p>A repository that does not exist is refused with NAME_UNKNOWN. The refusals that only the ECR API can meet are
 * the metadata store's own exceptions, left for that edge to name: {@link RepositoryAlreadyExistsException},
 * {@link RepositoryNotEmptyException}, {@link TooManyResourceTagsException}. Thread-safe.
 */
public final class RepositoryService {
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryService.class);

    private final RepositorySettingsStore settings;
    private final BlobStore blobs;
    private final String registryId;
    private final Clock clock;

    /** {@code registryId} is this registry's 12-digit account id, recorded on the repositories created here. */
    public RepositoryService(RepositorySettingsStore settings, BlobStore blobs, String registryId, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.registryId = Objects.requireNonNull(registryId, "registryId");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates a repository under this registry's id, created now (to the millisecond), with these settings and
     * resource tags; returns its settings.
     *
     * @throws RepositoryAlreadyExistsException if it exists, whether created here or by a push
     * @throws TooManyResourceTagsException if more than {@value ResourceTag#MAX_PER_RESOURCE} distinct keys
     */
    public RepositorySettings create(RepositoryName name, TagMutability tagMutability, boolean scanOnPush,
                                     EncryptionConfiguration encryption, Collection<ResourceTag> resourceTags) {
        RepositorySettings created = new RepositorySettings(name, registryId,
                clock.instant().truncatedTo(ChronoUnit.MILLIS), tagMutability, scanOnPush, encryption);
        settings.create(created, resourceTags);
        return created;
    }

    public RepositorySettings describe(RepositoryName name) {
        return withRegistryId(settings.find(name).orElseThrow(() -> nameUnknown(name)));
    }

    /** Every named repository, in name order; NAME_UNKNOWN naming the first one asked for that does not exist. */
    public List<RepositorySettings> describe(Collection<RepositoryName> names) {
        Set<RepositoryName> asked = new LinkedHashSet<>(names);
        List<RepositorySettings> found = settings.find(asked);
        if (found.size() < asked.size()) {
            found.forEach(s -> asked.remove(s.name()));
            throw nameUnknown(asked.iterator().next());
        }
        return found.stream().map(this::withRegistryId).toList();
    }

    /** Up to {@code limit} repositories after {@code after} (exclusive; null = from the start), in name order. */
    public Page<RepositorySettings> list(RepositoryName after, int limit) {
        List<RepositorySettings> fetched = settings.list(after, limit == Integer.MAX_VALUE ? limit : limit + 1);
        List<RepositorySettings> page = fetched.stream().limit(limit).map(this::withRegistryId).toList();
        return new Page<>(page, fetched.size() > limit);
    }

    /** Replaces the tag mutability; the next push is decided by it. Returns the settings as they now are. */
    public RepositorySettings putTagMutability(RepositoryName name, TagMutability tagMutability) {
        return withRegistryId(settings.updateTagMutability(name, tagMutability).orElseThrow(() -> nameUnknown(name)));
    }

    public RepositorySettings putScanOnPush(RepositoryName name, boolean scanOnPush) {
        return withRegistryId(settings.updateScanOnPush(name, scanOnPush).orElseThrow(() -> nameUnknown(name)));
    }

    /** The repository's resource tags, in byte order of their keys. */
    public List<ResourceTag> resourceTags(RepositoryName name) {
        return settings.resourceTags(name).orElseThrow(() -> nameUnknown(name));
    }

    /**
     * Adds resource tags, replacing the values of keys that exist.
     *
     * @throws TooManyResourceTagsException if the repository would then have more than
     *         {@value ResourceTag#MAX_PER_RESOURCE}
     */
    public void tagResource(RepositoryName name, Collection<ResourceTag> tags) {
        if (!settings.putResourceTags(name, tags)) {
            throw nameUnknown(name);
        }
    }

    public void untagResource(RepositoryName name, Collection<String> keys) {
        if (!settings.removeResourceTags(name, keys)) {
            throw nameUnknown(name);
        }
    }

    /**
     * Deletes a repository and returns its settings as they were. One that holds images is deleted only with
     * {@code force}, and then with all of them; its upload sessions are discarded. Blob bytes are left to garbage
     * collection (another repository may link them, or a push be about to).
     *
     * @throws RepositoryNotEmptyException without {@code force}, if the repository holds any manifest
     */
    public RepositorySettings delete(RepositoryName name, boolean force) {
        DeletedRepository deleted = settings.delete(name, force).orElseThrow(() -> nameUnknown(name));
        for (String upload : deleted.uploadIds()) {
            try {
                blobs.abortUpload(upload);
            } catch (IOException e) {
                // The repository is gone either way; the session's bytes are only left for the sweeper.
                LOG.warn("could not discard upload {} of deleted repository {}", upload, name, e);
            }
        }
        return withRegistryId(deleted.settings());
    }

    private RepositorySettings withRegistryId(RepositorySettings s) {
        return s.registryId() == null ? s.withRegistryId(registryId) : s;
    }

    /** NAME_UNKNOWN with ECR's wording. */
    private RegistryException nameUnknown(RepositoryName name) {
        return new RegistryException(RegistryError.NAME_UNKNOWN, "The repository with name '" + name
                + "' does not exist in the registry with id '" + registryId + "'", name.value());
    }
}
