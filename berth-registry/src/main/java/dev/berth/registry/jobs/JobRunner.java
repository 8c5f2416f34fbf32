package dev.berth.registry.jobs;

import dev.berth.metadata.Job;
import dev.berth.metadata.JobStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs this node's share of the background jobs: polls the {@link JobStore} for due jobs of the kinds it has
 * handlers for, runs each on a virtual thread (at most {@code concurrency} at once) while renewing its lease, and
 * completes or fails it. Kinds with a period are recurring: one job per kind is kept queued, and each run queues
 * the next one a period after it ends — across every node, since the store keeps one pending job per subject.
 */
public final class JobRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    /** The subject of a recurring kind's jobs (a recurring job works on the whole registry). */
    public static final String REGISTRY = "registry";

    private final JobStore store;
    private final Clock clock;
    private final String nodeId;
    private final Map<String, JobHandler> handlers;
    private final Map<String, Duration> periods;
    private final Duration lease;
    private final Duration pollInterval;
    private final Semaphore slots;
    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicBoolean running = new AtomicBoolean();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private Thread poller;

    /**
     * @param handlers     the handler per job kind this node runs
     * @param periods      for recurring kinds, how long after one run ends the next is due
     * @param lease        how long a claim lasts unless renewed (renewed every third of it while the job runs)
     * @param pollInterval how often to look for due jobs when not woken up
     */
    public JobRunner(JobStore store, Clock clock, String nodeId, Map<String, JobHandler> handlers,
                     Map<String, Duration> periods, Duration lease, Duration pollInterval, int concurrency) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.handlers = Map.copyOf(handlers);
        this.periods = Map.copyOf(periods);
        if (!handlers.keySet().containsAll(periods.keySet())) {
            throw new IllegalArgumentException("a recurring kind without a handler: " + periods.keySet());
        }
        this.lease = lease;
        this.pollInterval = pollInterval;
        this.slots = new Semaphore(concurrency);
    }

    /** Queues the first run of every recurring kind (unless one is pending) and starts polling. */
    public void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        Instant now = clock.instant();
        periods.forEach((kind, period) -> {
            Optional<Job> latest = store.latest(kind, REGISTRY);
            if (latest.isPresent() && latest.get().state().pending()) {
                return; // already scheduled, by this node's previous life or another node
            }
            Instant due = latest.flatMap(Job::finishedAt).map(finished -> finished.plus(period)).orElse(now);
            store.enqueue(kind, REGISTRY, null, due, now);
        });
        poller = Thread.ofPlatform().daemon().name("berth-jobs").start(this::poll);
    }

    /**
     * Queues a job (or returns the pending one for the same kind and subject, moved earlier if asked for earlier)
     * and wakes this node's poller so it starts without waiting for the next poll.
     */
    public Job submit(String kind, String subject, String payloadOrNull, Instant runAfter) {
        Job job = store.enqueue(kind, subject, payloadOrNull, runAfter, clock.instant());
        wakeUp.release();
        return job;
    }

    /** Runs a recurring kind now instead of at its next scheduled time. */
    public Job runNow(String kind) {
        if (!periods.containsKey(kind)) {
            throw new IllegalArgumentException("not a recurring job kind: " + kind);
        }
        return submit(kind, REGISTRY, null, clock.instant());
    }

    public JobStore store() {
        return store;
    }

    private void poll() {
        Set<String> kinds = handlers.keySet();
        while (running.get()) {
            try {
                boolean claimedAny = false;
                while (running.get() && slots.tryAcquire()) {
                    Optional<Job> job = store.claim(kinds, nodeId, clock.instant(), lease);
                    if (job.isEmpty()) {
                        slots.release();
                        break;
                    }
                    claimedAny = true;
                    workers.submit(() -> {
                        try {
                            execute(job.get());
                        } finally {
                            slots.release();
                            wakeUp.release();
                        }
                    });
                }
                if (!claimedAny || slots.availablePermits() == 0) {
                    wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The database is unreachable or busy: keep the node up and look again later.
                LOG.warn("job poll failed: {}", e.toString());
                sleepQuietly(pollInterval);
            }
        }
    }

    private void execute(Job job) {
        JobHandler handler = handlers.get(job.kind());
        Thread renewer = Thread.ofVirtual().name("berth-job-lease-" + job.id()).start(() -> renewWhileRunning(job));
        try {
            Optional<String> result = handler.runAndReport(job);
            renewer.interrupt();
            if (!store.complete(job.id(), nodeId, clock.instant(), result.orElse(null))) {
                LOG.warn("job {} ({} {}) finished after its lease passed to another node", job.id(), job.kind(),
                        job.subject());
            }
        } catch (Exception e) {
            renewer.interrupt();
            Optional<Duration> retry = handler.retryAfter(job, e);
            LOG.warn("job {} ({} {}) failed on attempt {}: {}{}", job.id(), job.kind(), job.subject(),
                    job.attempts(), e.toString(), retry.map(d -> "; retrying in " + d).orElse("; giving up"));
            store.fail(job.id(), nodeId, e.toString(), retry.map(d -> clock.instant().plus(d)), clock.instant());
        } finally {
            renewer.interrupt();
        }
        Duration period = periods.get(job.kind());
        if (period != null) {
            Instant now = clock.instant();
            store.enqueue(job.kind(), REGISTRY, null, now.plus(period), now);
        }
    }

    private void renewWhileRunning(Job job) {
        long every = Math.max(1, lease.toMillis() / 3);
        try {
            while (true) {
                Thread.sleep(every);
                if (!store.renew(job.id(), nodeId, clock.instant().plus(lease))) {
                    LOG.warn("job {} ({} {}): lease lost to another node", job.id(), job.kind(), job.subject());
                    return;
                }
            }
        } catch (InterruptedException e) {
            // the job ended
        } catch (RuntimeException e) {
            LOG.warn("job {}: lease renewal failed: {}", job.id(), e.toString());
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops polling and waits (up to 30 s) for running jobs; unfinished ones are taken over when leases lapse. */
    @Override
    public void close() {
        if (!running.compareAndSet(true, false)) {
            workers.close();
            return;
        }
        poller.interrupt();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
            poller.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
