package dev.berth.cli.transfer;

import dev.berth.cli.image.Descriptor;
import dev.berth.cli.image.ManifestContent;

/**
 * Hooks for progress display; each does nothing by default. Called from the transfer's worker threads, so
 * implementations must be thread-safe.
 */
public interface TransferListener {
    TransferListener NONE = new TransferListener() { };

    default void blobStarted(Descriptor blob) {
    }

    /** {@code count} more bytes of {@code blob} went out (or were written). */
    default void bytes(Descriptor blob, long count) {
    }

    /** An upload broke off and continues at {@code offset}, where the registry says it has the bytes up to. */
    default void blobResumed(Descriptor blob, long offset, String why) {
    }

    /** @param detail for a mount, the repository it came from; otherwise null */
    default void blobDone(Descriptor blob, BlobOutcome outcome, String detail) {
    }

    default void manifestDone(ManifestContent manifest) {
    }
}
