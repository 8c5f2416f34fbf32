package dev.berth.registry.audit;

import dev.berth.metadata.AuditEvent;
import dev.berth.metadata.AuditLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the audit trail without adding a database commit to every request: events queue in memory and one
 * writer thread appends them in batches (one transaction per batch, so a push storm costs a few commits, not one
 * per push). The price is a short window: an event reaches the database within about {@link #MAX_DELAY} of the
 * action, so a process killed in that window loses those audit events (never the actions themselves). When the
 * queue is full the caller writes its event itself, so nothing is dropped under load. Thread-safe.
 */
public final class AuditTrail implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    /** How long an event may wait for company before it is written. */
    static final Duration MAX_DELAY = Duration.ofMillis(200);
    private static final int QUEUE_CAPACITY = 50_000;
    private static final int BATCH = 1_000;

    private final AuditLog log;
    private final BlockingQueue<AuditEvent> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    /** Held while batches are taken and written, so a {@link #flush} returns only when all it saw is written. */
    private final ReentrantLock writing = new ReentrantLock();
    private final Semaphore arrived = new Semaphore(0);
    private final Thread writer;
    private volatile boolean open = true;

    public AuditTrail(AuditLog log) {
        this.log = log;
        this.writer = Thread.ofPlatform().daemon().name("berth-audit").start(this::writeLoop);
    }

    /** Queues an event; returns at once (or after writing it, if the queue is full). */
    public void record(AuditEvent event) {
        if (open && queue.offer(event)) {
            arrived.release();
        } else {
            log.record(event);
        }
    }

    /** Writes every event queued so far; for reads that must see this node's latest events. */
    public void flush() {
        writing.lock();
        try {
            drainAndWrite();
        } finally {
            writing.unlock();
        }
    }

    private void writeLoop() {
        while (open) {
            try {
                // Events stay in the queue until taken under the lock, so a flush never misses one in transit.
                if (!arrived.tryAcquire(1, TimeUnit.SECONDS)) {
                    continue;
                }
                Thread.sleep(MAX_DELAY.toMillis()); // let a burst gather into one batch
                arrived.drainPermits();
                flush();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("could not write audit events; retrying: {}", e.toString());
                arrived.release();
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void drainAndWrite() {
        List<AuditEvent> batch = new ArrayList<>();
        while (queue.drainTo(batch, BATCH) > 0) {
            write(batch);
            batch = new ArrayList<>();
        }
    }

    /** Writes a batch; on failure puts it back at the head of the line (order within the log is by id anyway). */
    private void write(List<AuditEvent> batch) {
        try {
            log.recordAll(batch);
        } catch (RuntimeException e) {
            for (AuditEvent event : batch) {
                if (!queue.offer(event)) {
                    LOG.error("audit queue full while the database is failing: an audit event of {} by {} is lost",
                            event.action(), event.actor());
                }
            }
            throw e;
        }
    }

    /** Stops the writer and writes what is left. */
    @Override
    public void close() {
        open = false;
        writer.interrupt();
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
