package dev.berth.metadata;

/** ECR's {@code tagStatus} filter: images with at least one tag, images with none, or both. */
public enum TagStatus {
    TAGGED, UNTAGGED, ANY
}
