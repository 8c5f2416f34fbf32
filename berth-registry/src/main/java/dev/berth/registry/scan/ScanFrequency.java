package dev.berth.registry.scan;

/** How often a repository's images are scanned (ECR's {@code scanFrequency}); later constants scan more. */
public enum ScanFrequency {
    /** Only when asked (StartImageScan). */
    MANUAL,
    /** When pushed, and when asked. */
    SCAN_ON_PUSH,
    /** When pushed, and again whenever the vulnerability database changes (ENHANCED only). */
    CONTINUOUS_SCAN
}
