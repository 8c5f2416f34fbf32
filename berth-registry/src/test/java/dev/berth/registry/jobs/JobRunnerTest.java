package dev.berth.registry.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.metadata.JdbcMetadataStore;
import dev.berth.metadata.Job;
import dev.berth.metadata.JobState;
import dev.berth.metadata.JobStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two runners ("nodes") sharing one SQLite job store. */
class JobRunnerTest {
    private static final Duration POLL = Duration.ofMillis(50);

    @TempDir
    Path dir;
    JdbcMetadataStore metadata;
    JobStore store;
    final Clock clock = Clock.systemUTC();

    @BeforeEach
    void open() {
        metadata = JdbcMetadataStore.sqlite(dir.resolve("metadata.db"));
        store = metadata.jobStore();
    }

    @AfterEach
    void close() {
        metadata.close();
    }

    private JobRunner node(String id, Map<String, JobHandler> handlers, Map<String, Duration> periods, Duration lease) {
        return new JobRunner(store, clock, id, handlers, periods, lease, POLL, 4);
    }

    @Test
    void everyJobRunsExactlyOnceAcrossTwoNodes() {
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> ranOn = new ConcurrentLinkedQueue<>();
        JobHandler count = job -> {
            runs.computeIfAbsent(job.subject(), s -> new AtomicInteger()).incrementAndGet();
            ranOn.add(job.leaseOwner().orElseThrow());
            Thread.sleep(5);
        };
        try (JobRunner a = node("a", Map.of("scan", count), Map.of(), Duration.ofSeconds(30));
             JobRunner b = node("b", Map.of("scan", count), Map.of(), Duration.ofSeconds(30))) {
            a.start();
            b.start();
            for (int i = 0; i < 60; i++) {
                (i % 2 == 0 ? a : b).submit("scan", "image-" + i, null, clock.instant());
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> runs.size() == 60);
            await().atMost(Duration.ofSeconds(10)).until(() -> List.of("image-0", "image-59").stream()
                    .allMatch(s -> store.latest("scan", s).orElseThrow().state() == JobState.DONE));
        }
        assertThat(runs.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertThat(ranOn).contains("a", "b");
    }

    @Test
    void whatAHandlerReportsIsKeptWithTheFinishedJob() {
        JobHandler reporting = new JobHandler() {
            @Override
            public void run(Job job) {}

            @Override
            public Optional<String> runAndReport(Job job) {
                return Optional.of("{\"subject\":\"" + job.subject() + "\"}");
            }
        };
        try (JobRunner a = node("a", Map.of("report", reporting, "plain", job -> {}), Map.of(),
                Duration.ofSeconds(30))) {
            a.start();
            Job reported = a.submit("report", "x", null, clock.instant());
            Job plain = a.submit("plain", "y", null, clock.instant());
            await().atMost(Duration.ofSeconds(10)).until(() -> store.find(reported.id()).orElseThrow().state()
                    == JobState.DONE && store.find(plain.id()).orElseThrow().state() == JobState.DONE);
            assertThat(store.result(reported.id())).contains("{\"subject\":\"x\"}");
            assertThat(store.result(plain.id())).isEmpty();
        }
    }

    @Test
    void aFailingJobIsRetriedThenFailsForGoodWithItsError() {
        AtomicInteger attempts = new AtomicInteger();
        JobHandler flaky = new JobHandler() {
            @Override
            public void run(Job job) {
                attempts.incrementAndGet();
                throw new IllegalStateException("layer unreadable");
            }

            @Override
            public Optional<Duration> retryAfter(Job job, Exception failure) {
                return job.attempts() < 3 ? Optional.of(Duration.ofMillis(10)) : Optional.empty();
            }
        };
        try (JobRunner a = node("a", Map.of("scan", flaky), Map.of(), Duration.ofSeconds(30))) {
            a.start();
            Job job = a.submit("scan", "x", null, clock.instant());
            await().atMost(Duration.ofSeconds(10)).until(() -> store.find(job.id()).orElseThrow().state() == JobState.FAILED);
            Job failed = store.find(job.id()).orElseThrow();
            assertThat(failed.attempts()).isEqualTo(3);
            assertThat(failed.lastError()).hasValueSatisfying(e -> assertThat(e).contains("layer unreadable"));
        }
        assertThat(attempts.get()).isEqualTo(3);
    }

    @Test
    void aJobWhoseNodeStopsRespondingIsTakenOverWhenItsLeaseLapses() {
        AtomicInteger finishedOnB = new AtomicInteger();
        // A node that died holding the job: claimed with a short lease that nobody renews.
        Job job = store.enqueue("gc", "registry-x", null, clock.instant(), clock.instant());
        assertThat(store.claim(List.of("gc"), "dead-node", clock.instant(), Duration.ofMillis(200))).isPresent();
        try (JobRunner b = node("b", Map.of("gc", j -> finishedOnB.incrementAndGet()), Map.of(), Duration.ofSeconds(30))) {
            b.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> store.find(job.id()).orElseThrow().state() == JobState.DONE);
        }
        assertThat(finishedOnB.get()).isEqualTo(1);
        Job done = store.find(job.id()).orElseThrow();
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(store.complete(job.id(), "dead-node", clock.instant())).isFalse();
    }

    @Test
    void aLongJobKeepsItsLeaseByRenewingIt() {
        AtomicInteger runs = new AtomicInteger();
        JobHandler slow = job -> {
            runs.incrementAndGet();
            Thread.sleep(1_000); // five leases long
        };
        try (JobRunner a = node("a", Map.of("scan", slow), Map.of(), Duration.ofMillis(200));
             JobRunner b = node("b", Map.of("scan", slow), Map.of(), Duration.ofMillis(200))) {
            a.start();
            b.start();
            Job job = a.submit("scan", "big-image", null, clock.instant());
            await().atMost(Duration.ofSeconds(10)).until(() -> store.find(job.id()).orElseThrow().state() == JobState.DONE);
            assertThat(store.find(job.id()).orElseThrow().attempts()).isEqualTo(1);
        }
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void aRecurringKindIsQueuedAtStartAndAgainAPeriodAfterEachRun() {
        AtomicInteger runs = new AtomicInteger();
        Duration period = Duration.ofHours(24);
        try (JobRunner a = node("a", Map.of("lifecycle-sweep", job -> runs.incrementAndGet()),
                Map.of("lifecycle-sweep", period), Duration.ofSeconds(30))) {
            a.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> store.latest("lifecycle-sweep", JobRunner.REGISTRY)
                    .orElseThrow().state() == JobState.QUEUED);
            Job next = store.latest("lifecycle-sweep", JobRunner.REGISTRY).orElseThrow();
            assertThat(Duration.between(clock.instant(), next.runAfter())).isGreaterThan(period.minusMinutes(1));

            a.runNow("lifecycle-sweep");
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 2);
        }
        // A restarted node does not run it again before its time.
        try (JobRunner again = node("a2", Map.of("lifecycle-sweep", job -> runs.incrementAndGet()),
                Map.of("lifecycle-sweep", period), Duration.ofSeconds(30))) {
            again.start();
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> runs.get() == 2);
        }
    }
}
