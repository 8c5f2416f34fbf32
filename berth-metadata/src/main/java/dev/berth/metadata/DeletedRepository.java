package dev.berth.metadata;

import java.util.List;

/**
 * What {@link RepositorySettingsStore#delete} removed: the repository's settings as they were, and the upload
 * sessions that were in progress for it (their records are gone; the caller discards their bytes).
 */
public record DeletedRepository(RepositorySettings settings, List<String> uploadIds) {
    public DeletedRepository {
        uploadIds = List.copyOf(uploadIds);
    }
}
