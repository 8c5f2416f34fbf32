package dev.berth.cli.transfer;

/** What happened to one blob of a transfer. */
public enum BlobOutcome {
    /** The bytes were sent (or written). */
    TRANSFERRED,
    /** The target already had it. */
    SKIPPED,
    /** The registry linked it from another repository; no bytes moved. */
    MOUNTED
}
