package dev.berth.cli.transfer;

import dev.berth.cli.image.Descriptor;
import dev.berth.cli.image.ImageManifest;
import dev.berth.cli.image.ManifestContent;
import dev.berth.cli.image.Platform;
import dev.berth.oci.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies one image, with all its platforms (or the one {@code platform} selects), from a source to a target.
 * Order is what keeps every state of the target valid: a manifest's blobs before the manifest, an index's
 * children before the index, the root (and its name) last. Blobs move in parallel on virtual threads, at most
 * {@code jobs} at a time, each digest once even when several platforms share it. The first failure stops the
 * transfer and is rethrown.
 */
public final class Transfer {
    private final int jobs;
    private final Platform platform;
    private final TransferListener listener;

    /** @param platform null for every platform of an index */
    public Transfer(int jobs, Platform platform, TransferListener listener) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1");
        }
        this.jobs = jobs;
        this.platform = platform;
        this.listener = listener;
    }

    /** What a transfer did. */
    public record Result(Descriptor root, String location, int transferred, int skipped, int mounted,
            long bytes) {
    }

    public Result run(ImageSource source, ImageTarget target) throws IOException {
        Run run = new Run(source, target);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            run.executor = executor;
            try {
                Descriptor root = source.root();
                ManifestContent manifest = source.manifest(root);
                if (platform != null && ImageManifest.parse(manifest) instanceof ImageManifest.Index index) {
                    root = select(source, index, root).withRefName(root.refName().orElse(null));
                    manifest = source.manifest(root);
                }
                run.copyContent(root, manifest);
                String location = target.finish(root, manifest);
                listener.manifestDone(manifest);
                return new Result(root, location, run.count(BlobOutcome.TRANSFERRED), run.count(BlobOutcome.SKIPPED),
                        run.count(BlobOutcome.MOUNTED), run.bytes.get());
            } finally {
                executor.shutdownNow();
            }
        }
    }

    /** The index's image for {@link #platform}, looking into nested indexes. */
    private Descriptor select(ImageSource source, ImageManifest.Index index, Descriptor parent) throws IOException {
        List<String> available = new ArrayList<>();
        for (Descriptor child : index.manifests()) {
            if (child.platform() != null && platform.accepts(child.platform())) {
                return child;
            }
            if (child.platform() != null) {
                available.add(child.platform().toString());
            }
        }
        for (Descriptor child : index.manifests()) {
            if (ImageManifest.parse(source.manifest(child)) instanceof ImageManifest.Index nested) {
                try {
                    return select(source, nested, child);
                } catch (IllegalArgumentException e) {
                    // not in this nested index: try the next
                }
            }
        }
        throw new IllegalArgumentException(parent.digest() + " has no image for " + platform + "; it has "
                + (available.isEmpty() ? "no platforms listed" : String.join(", ", available)));
    }

    private final class Run {
        final ImageSource source;
        final ImageTarget target;
        final Map<Digest, Future<BlobOutcome>> blobs = new ConcurrentHashMap<>();
        final Map<BlobOutcome, AtomicLong> counts = new ConcurrentHashMap<>();
        final AtomicLong bytes = new AtomicLong();
        final Semaphore slots = new Semaphore(jobs);
        ExecutorService executor;

        Run(ImageSource source, ImageTarget target) {
            this.source = source;
            this.target = target;
        }

        int count(BlobOutcome outcome) {
            AtomicLong c = counts.get(outcome);
            return c == null ? 0 : (int) c.get();
        }

        /** Everything {@code manifest} refers to, recursively; not the manifest itself. */
        void copyContent(Descriptor descriptor, ManifestContent manifest) throws IOException {
            ImageManifest parsed;
            try {
                parsed = ImageManifest.parse(manifest);
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            }
            List<Future<?>> pending = new ArrayList<>();
            switch (parsed) {
                case ImageManifest.Image image -> {
                    for (Descriptor blob : image.blobs()) {
                        pending.add(blob(blob));
                    }
                }
                case ImageManifest.Index index -> {
                    for (Descriptor child : index.manifests()) {
                        pending.add(executor.submit(() -> {
                            ManifestContent content = source.manifest(child);
                            copyContent(child, content);
                            target.putManifest(content);
                            listener.manifestDone(content);
                            return null;
                        }));
                    }
                }
            }
            await(pending);
        }

        Future<BlobOutcome> blob(Descriptor blob) {
            return blobs.computeIfAbsent(blob.digest(), digest -> executor.submit(() -> {
                slots.acquire();
                try {
                    listener.blobStarted(blob);
                    BlobOutcome outcome = target.putBlob(blob, source.blob(blob), countingListener());
                    counts.computeIfAbsent(outcome, o -> new AtomicLong()).incrementAndGet();
                    return outcome;
                } finally {
                    slots.release();
                }
            }));
        }

        private TransferListener countingListener() {
            return new TransferListener() {
                @Override
                public void bytes(Descriptor blob, long count) {
                    bytes.addAndGet(count);
                    listener.bytes(blob, count);
                }

                @Override
                public void blobResumed(Descriptor blob, long offset, String why) {
                    listener.blobResumed(blob, offset, why);
                }

                @Override
                public void blobDone(Descriptor blob, BlobOutcome outcome, String detail) {
                    listener.blobDone(blob, outcome, detail);
                }
            };
        }
    }

    private static void await(List<Future<?>> pending) throws IOException {
        for (Future<?> future : pending) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                if (cause instanceof UncheckedIOException unchecked) {
                    throw unchecked.getCause();
                }
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IOException(cause);
            }
        }
    }
}
