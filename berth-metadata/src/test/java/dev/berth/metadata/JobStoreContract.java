package dev.berth.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link JobStore} and {@link AuditLog} contract. Subclasses open a store on an empty database. */
public abstract class JobStoreContract {
    static final Instant T0 = Instant.parse("2026-03-04T05:06:07.089Z");
    static final Duration LEASE = Duration.ofMinutes(5);
    static final List<String> SCANS = List.of("scan");

    protected JdbcMetadataStore store;
    protected JobStore jobs;

    protected abstract JdbcMetadataStore open();

    @BeforeEach
    void openStore() {
        store = open();
        jobs = store.jobStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aQueuedJobIsClaimedOnceWhenDueAndCompleted() {
        Job queued = jobs.enqueue("scan", "team/app@sha256:1", "{\"x\":1}", T0.plusSeconds(60), T0);
        assertThat(queued.state()).isEqualTo(JobState.QUEUED);
        assertThat(queued.payload()).contains("{\"x\":1}");
        assertThat(jobs.claim(SCANS, "node-a", T0, LEASE)).as("not due yet").isEmpty();
        assertThat(jobs.claim(List.of("gc"), "node-a", T0.plusSeconds(60), LEASE)).as("other kind").isEmpty();

        Job claimed = jobs.claim(SCANS, "node-a", T0.plusSeconds(60), LEASE).orElseThrow();
        assertThat(claimed.id()).isEqualTo(queued.id());
        assertThat(claimed.state()).isEqualTo(JobState.RUNNING);
        assertThat(claimed.leaseOwner()).contains("node-a");
        assertThat(claimed.leaseExpiresAt()).contains(T0.plusSeconds(60).plus(LEASE));
        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(jobs.claim(SCANS, "node-b", T0.plusSeconds(61), LEASE)).as("leased").isEmpty();

        assertThat(jobs.complete(claimed.id(), "node-b", T0.plusSeconds(62))).as("not the owner").isFalse();
        assertThat(jobs.complete(claimed.id(), "node-a", T0.plusSeconds(62))).isTrue();
        Job done = jobs.find(claimed.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(JobState.DONE);
        assertThat(done.finishedAt()).contains(T0.plusSeconds(62));
        assertThat(jobs.claim(SCANS, "node-b", T0.plusSeconds(3600), LEASE)).isEmpty();
    }

    @Test
    void oneJobIsPendingPerKindAndSubjectAndTheEarliestRequestWins() {
        Job later = jobs.enqueue("lifecycle", "team/app", null, T0.plus(Duration.ofHours(24)), T0);
        Job again = jobs.enqueue("lifecycle", "team/app", null, T0.plus(Duration.ofHours(48)), T0);
        assertThat(again.id()).isEqualTo(later.id());
        assertThat(again.runAfter()).isEqualTo(T0.plus(Duration.ofHours(24)));
        Job now = jobs.enqueue("lifecycle", "team/app", null, T0, T0);
        assertThat(now.id()).isEqualTo(later.id());
        assertThat(now.runAfter()).isEqualTo(T0);
        assertThat(jobs.enqueue("lifecycle", "team/other", null, T0, T0).id()).isNotEqualTo(later.id());
        assertThat(jobs.enqueue("scan", "team/app", null, T0, T0).id()).isNotEqualTo(later.id());

        Job running = jobs.claim(List.of("lifecycle"), "a", T0, LEASE).orElseThrow();
        assertThat(jobs.enqueue("lifecycle", running.subject(), null, T0, T0).id()).as("running counts as pending")
                .isEqualTo(running.id());
        jobs.complete(running.id(), "a", T0);
        Job next = jobs.enqueue("lifecycle", running.subject(), null, T0, T0);
        assertThat(next.id()).isNotEqualTo(running.id());
        assertThat(jobs.latest("lifecycle", running.subject())).map(Job::id).contains(next.id());
    }

    @Test
    void aLapsedLeaseIsTakenOverAndTheOldOwnerCanNoLongerFinish() {
        Job job = jobs.enqueue("gc", "registry", null, T0, T0);
        jobs.claim(List.of("gc"), "dead-node", T0, LEASE).orElseThrow();
        assertThat(jobs.renew(job.id(), "dead-node", T0.plus(LEASE).plusSeconds(10))).isTrue();
        assertThat(jobs.claim(List.of("gc"), "b", T0.plus(LEASE), LEASE)).as("renewed").isEmpty();
        Job taken = jobs.claim(List.of("gc"), "b", T0.plus(LEASE).plusSeconds(11), LEASE).orElseThrow();
        assertThat(taken.leaseOwner()).contains("b");
        assertThat(taken.attempts()).isEqualTo(2);
        assertThat(jobs.renew(job.id(), "dead-node", T0.plus(Duration.ofHours(1)))).isFalse();
        assertThat(jobs.complete(job.id(), "dead-node", T0.plus(Duration.ofHours(1)))).isFalse();
        assertThat(jobs.complete(job.id(), "b", T0.plus(Duration.ofHours(1)))).isTrue();
    }

    @Test
    void aFailureIsRetriedWhenAskedElseFinal() {
        Job job = jobs.enqueue("scan", "x", null, T0, T0);
        jobs.claim(SCANS, "a", T0, LEASE).orElseThrow();
        assertThat(jobs.fail(job.id(), "a", "layer unreadable", Optional.of(T0.plusSeconds(30)), T0)).isTrue();
        Job retry = jobs.find(job.id()).orElseThrow();
        assertThat(retry.state()).isEqualTo(JobState.QUEUED);
        assertThat(retry.lastError()).contains("layer unreadable");
        assertThat(jobs.claim(SCANS, "a", T0.plusSeconds(29), LEASE)).isEmpty();
        jobs.claim(SCANS, "a", T0.plusSeconds(30), LEASE).orElseThrow();
        assertThat(jobs.fail(job.id(), "a", "again", Optional.empty(), T0.plusSeconds(31))).isTrue();
        Job failed = jobs.find(job.id()).orElseThrow();
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.attempts()).isEqualTo(2);
        assertThat(failed.finishedAt()).contains(T0.plusSeconds(31));

        assertThat(jobs.purgeFinished(T0.plusSeconds(31))).isZero();
        assertThat(jobs.purgeFinished(T0.plusSeconds(32))).isEqualTo(1);
        assertThat(jobs.find(job.id())).isEmpty();
    }

    @Test
    void concurrentClaimersEachGetADifferentJobAndEveryJobIsClaimedOnce() throws Exception {
        int count = 40;
        for (int i = 0; i < count; i++) {
            jobs.enqueue("scan", "image-" + i, null, T0, T0);
        }
        Set<Long> claimed = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> workers = new java.util.ArrayList<>();
            for (int w = 0; w < 8; w++) {
                String owner = "node-" + w;
                workers.add(pool.submit(() -> {
                    start.await();
                    int mine = 0;
                    Optional<Job> job;
                    while ((job = jobs.claim(SCANS, owner, T0, LEASE)).isPresent()) {
                        assertThat(claimed.add(job.get().id())).as("claimed twice").isTrue();
                        jobs.complete(job.get().id(), owner, T0);
                        mine++;
                    }
                    return mine;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> worker : workers) {
                total += worker.get();
            }
            assertThat(total).isEqualTo(count);
        }
        assertThat(claimed).hasSize(count);
    }

    @Test
    void theAuditLogListsNewestFirstByRepositoryWithACursor() {
        AuditLog log = store.auditLog();
        for (int i = 0; i < 5; i++) {
            log.record(AuditEvent.of(T0.plusSeconds(i), "berth:lifecycle", "lifecycle:ExpireImage",
                    i % 2 == 0 ? "team/app" : "team/other", "sha256:" + i, "{\"rulePriority\":" + i + "}"));
        }
        List<AuditEvent> all = log.list(Optional.empty(), Optional.empty(), 0, 10);
        assertThat(all).extracting(e -> e.target().orElseThrow())
                .containsExactly("sha256:4", "sha256:3", "sha256:2", "sha256:1", "sha256:0");
        assertThat(all.get(0).detail()).isEqualTo("{\"rulePriority\":4}");
        assertThat(all.get(0).at()).isEqualTo(T0.plusSeconds(4));
        List<AuditEvent> app = log.list(Optional.of("team/app"), Optional.empty(), 0, 2);
        assertThat(app).extracting(e -> e.target().orElseThrow()).containsExactly("sha256:4", "sha256:2");
        assertThat(log.list(Optional.of("team/app"), Optional.empty(), app.get(1).id(), 2))
                .extracting(e -> e.target().orElseThrow()).containsExactly("sha256:0");
        assertThat(log.list(Optional.empty(), Optional.of(T0.plusSeconds(3)), 0, 10)).hasSize(2);

        log.recordAll(List.of(AuditEvent.of(T0, "a", "x:One", null, null, "{}"),
                AuditEvent.of(T0, "a", "x:Two", "team/app", null, "{}")));
        assertThat(log.list(Optional.empty(), Optional.empty(), 0, 2)).extracting(AuditEvent::action)
                .containsExactly("x:Two", "x:One");
        assertThat(log.list(Optional.empty(), Optional.empty(), 0, 1).get(0).target()).isEmpty();
    }
}
