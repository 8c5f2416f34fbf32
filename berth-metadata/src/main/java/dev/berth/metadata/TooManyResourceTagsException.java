package dev.berth.metadata;

import dev.berth.oci.RepositoryName;

/**
 * Adding the tags would leave the repository with more than {@value ResourceTag#MAX_PER_RESOURCE} resource tags
 * (ECR: {@code TooManyTagsException}). Nothing was changed.
 */
public class TooManyResourceTagsException extends RuntimeException {

    public TooManyResourceTagsException(RepositoryName repository, int count) {
        super("repository " + repository + " would have " + count + " tags; at most "
                + ResourceTag.MAX_PER_RESOURCE + " are allowed", null, false, false);
    }
}
