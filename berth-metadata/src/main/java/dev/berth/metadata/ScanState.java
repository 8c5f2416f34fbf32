package dev.berth.metadata;

/** Where an image's latest scan stands; the names are ECR's {@code ImageScanStatus.status} values. */
public enum ScanState {
    IN_PROGRESS, COMPLETE, FAILED, UNSUPPORTED_IMAGE
}
