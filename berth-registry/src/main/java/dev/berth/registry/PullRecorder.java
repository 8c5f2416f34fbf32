package dev.berth.registry;

import dev.berth.metadata.EcrStore;
import dev.berth.metadata.PullTally;
import dev.berth.oci.Digest;
import dev.berth.oci.RepositoryName;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records pulls without slowing them: a pull only bumps an in-memory tally (one map update, no I/O); the tallies
 * are written in one transaction every {@code interval}, on {@link #flush} (e.g. before an ECR DescribeImages, so a
 * node reads its own pulls) and on {@link #close}. A crash loses at most one interval of usage facts, which are
 * statistics, never access decisions. Thread-safe; owned and closed by whoever starts it.
 */
public final class PullRecorder implements PullListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PullRecorder.class);

    private record Key(RepositoryName repository, Digest digest) {}

    private record Tally(Instant last, long count) {
        Tally plus(Tally other) {
            return new Tally(last.isAfter(other.last) ? last : other.last, count + other.count);
        }
    }

    private final EcrStore store;
    private final Map<Key, Tally> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;

    /** Starts flushing every {@code interval} on one daemon thread. */
    public PullRecorder(EcrStore store, Duration interval) {
        this.store = store;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "berth-pull-recorder");
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        flusher.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void pulled(RepositoryName repository, Digest digest, Instant at) {
        pending.merge(new Key(repository, digest), new Tally(at, 1), Tally::plus);
    }

    /** Writes every tally gathered so far; a failed write puts them back for the next try. */
    public void flush() {
        List<PullTally> batch = new ArrayList<>();
        for (Key key : List.copyOf(pending.keySet())) {
            Tally t = pending.remove(key);
            if (t != null) {
                batch.add(new PullTally(key.repository(), key.digest(), t.last(), t.count()));
            }
        }
        try {
            store.recordPulls(batch);
        } catch (RuntimeException e) {
            batch.forEach(p -> pending.merge(new Key(p.repository(), p.digest()),
                    new Tally(p.lastPulledAt(), p.count()), Tally::plus));
            throw e;
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("could not record pulls; will retry", e);
        }
    }

    /** Stops the timer and writes what is left. */
    @Override
    public void close() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushQuietly();
    }
}
