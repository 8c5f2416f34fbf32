package dev.berth.registry.lifecycle;

import dev.berth.lifecycle.ImageFacts;
import dev.berth.lifecycle.LifecycleEvaluator;
import dev.berth.lifecycle.LifecyclePolicy;
import dev.berth.metadata.EcrStore;
import dev.berth.metadata.ExpiredImage;
import dev.berth.metadata.Job;
import dev.berth.metadata.JobStore;
import dev.berth.metadata.LifecycleImage;
import dev.berth.metadata.LifecycleRun;
import dev.berth.metadata.LifecycleStore;
import dev.berth.metadata.RestoreOutcome;
import dev.berth.metadata.StoredLifecyclePolicy;
import dev.berth.oci.Digest;
import dev.berth.oci.RepositoryName;
import dev.berth.registry.jobs.JobHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lifecycle policies put to work. One evaluation path ({@link #evaluate}) serves the preview and the run, so a
 * preview shows exactly what a run at the same instant over the same images expires. A run is a leased job of kind
 * {@link #RUN_KIND} on one repository: it evaluates once, records the plan with the run, and expires the plan in
 * small transactions; a job claimed again after its node died resumes that plan, so nothing is evaluated twice or
 * expired twice. Expired images wait out the restore window in the store's archive, then are deleted for good by
 * the sweep ({@link #SWEEP_KIND}, recurring), which also queues a run for every repository with a policy.
 * Thread-safe.
 */
public final class LifecycleService {
    private static final Logger LOG = LoggerFactory.getLogger(LifecycleService.class);
    /** One repository's run; the job's subject is the repository name. */
    public static final String RUN_KIND = "lifecycle-run";
    /** The recurring sweep over every repository. */
    public static final String SWEEP_KIND = "lifecycle-sweep";
    /** Images expired per transaction: small enough to keep pushes flowing between batches on SQLite. */
    static final int BATCH = 200;

    private final EcrStore ecr;
    private final LifecycleStore store;
    private final JobStore jobs;
    private final Clock clock;
    private final Duration restoreWindow;
    private final Function<RepositoryName, Job> submitRun;
    private final int batch;

    /**
     * @param submitRun queues a run of a repository now (and wakes this node's job runner), returning the pending
     *                  job: one per repository, so asking again while one is pending returns it
     */
    public LifecycleService(EcrStore ecr, LifecycleStore store, JobStore jobs, Clock clock, Duration restoreWindow,
                            Function<RepositoryName, Job> submitRun) {
        this(ecr, store, jobs, clock, restoreWindow, submitRun, BATCH);
    }

    /** With another number of images expired per transaction (tests use small batches to stop a run midway). */
    LifecycleService(EcrStore ecr, LifecycleStore store, JobStore jobs, Clock clock, Duration restoreWindow,
                     Function<RepositoryName, Job> submitRun, int batch) {
        this.batch = batch;
        this.ecr = Objects.requireNonNull(ecr, "ecr");
        this.store = Objects.requireNonNull(store, "store");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (restoreWindow.isNegative()) {
            throw new IllegalArgumentException("restore window must not be negative: " + restoreWindow);
        }
        this.restoreWindow = restoreWindow;
        this.submitRun = Objects.requireNonNull(submitRun, "submitRun");
    }

    public Duration restoreWindow() {
        return restoreWindow;
    }

    /**
     * Evaluates {@code policyText} (already validated) over every image of the repository at {@code now}, read in
     * one consistent read.
     *
     * @throws IllegalArgumentException if the stored links form a cycle (the engine refuses to decide)
     */
    public LifecycleEvaluation evaluate(RepositoryName repository, String policyText, Instant now) {
        LifecyclePolicy policy = LifecyclePolicy.parse(policyText);
        return new LifecycleEvaluation(policyText, policy, now,
                LifecycleEvaluator.evaluate(policy, facts(repository), now));
    }

    private List<ImageFacts> facts(RepositoryName repository) {
        List<ImageFacts> facts = new ArrayList<>();
        for (LifecycleImage image : ecr.lifecycleImages(repository)) {
            ImageFacts.Builder b = ImageFacts.builder(image.digest(), image.mediaType(), image.pushedAt())
                    .tags(image.tags()).parents(image.parents());
            if (image.lastPulledAt() != null) {
                b.lastPulledAt(image.lastPulledAt());
            }
            if (image.subject() != null) {
                b.subject(image.subject());
            }
            facts.add(b.build());
        }
        return facts;
    }

    /** The bytes a run of this evaluation would free once the restore window passes (see the store). */
    public long reclaimableBytes(RepositoryName repository, LifecycleEvaluation evaluation) {
        return store.reclaimableBytes(repository, evaluation.expiring().stream().map(d -> d.image().digest()).toList());
    }

    // ---- runs

    /** Queues a run of the repository now; the pending run if one is queued or running already. */
    public Job requestRun(RepositoryName repository) {
        return submitRun.apply(repository);
    }

    /** The job of that id if it is a lifecycle run, with its run record once it has started. */
    public Optional<RunStatus> runStatus(long jobId) {
        return jobs.find(jobId).filter(j -> j.kind().equals(RUN_KIND))
                .map(job -> new RunStatus(job, store.runOfJob(jobId)));
    }

    /** A lifecycle run's job and, once it has evaluated, its run record. */
    public record RunStatus(Job job, Optional<LifecycleRun> run) {}

    /** The handler of {@link #RUN_KIND} jobs. */
    public JobHandler runHandler() {
        return job -> run(job.id(), RepositoryName.parse(job.subject()));
    }

    /** The handler of the recurring {@link #SWEEP_KIND} job. */
    public JobHandler sweepHandler() {
        return job -> sweep();
    }

    /**
     * Runs (or resumes) the run of job {@code jobId}. A repository without a policy (deleted since the job was
     * queued) has nothing to run. Returns the run, if there was one.
     */
    public Optional<LifecycleRun> run(long jobId, RepositoryName repository) {
        Optional<LifecycleRun> existing = store.runOfJob(jobId);
        LifecycleRun run;
        if (existing.isPresent()) {
            run = existing.get();
        } else {
            Optional<StoredLifecyclePolicy> policy = ecr.lifecyclePolicy(repository);
            if (policy.isEmpty()) {
                return Optional.empty();
            }
            Instant now = clock.instant();
            LifecycleEvaluation evaluation = evaluate(repository, policy.get().text(), now);
            run = store.startRun(jobId, repository, policy.get().text(), now, ExpiryPlan.of(evaluation));
        }
        if (!run.done()) {
            while (store.expireNext(run.id(), batch, clock.instant(), clock.instant().plus(restoreWindow)) > 0) {
                // next batch
            }
            store.finishRun(run.id(), clock.instant());
        }
        purge();   // so that deletions after the window happen even where the sweep is switched off
        LifecycleRun finished = store.run(run.id()).orElseThrow();
        LOG.info("lifecycle run {} of {}: {} image(s) expired, {} skipped (changed since evaluation)",
                finished.id(), repository, finished.expired(), finished.skipped());
        return Optional.of(finished);
    }

    /** Queues a run for every repository with a policy and deletes for good what has passed its restore window. */
    public void sweep() {
        Instant now = clock.instant();
        for (RepositoryName repository : store.repositoriesWithPolicy()) {
            jobs.enqueue(RUN_KIND, repository.value(), null, now, now);
        }
        purge();
    }

    /** Deletes for good every expired image whose restore window has closed; returns how many. */
    public int purge() {
        int total = 0;
        int purged;
        do {
            purged = store.purgeExpired(clock.instant(), BATCH);
            total += purged;
        } while (purged > 0);
        return total;
    }

    // ---- the restore window

    public List<ExpiredImage> expiredImages(RepositoryName repository) {
        return store.expiredImages(repository, clock.instant());
    }

    /** Restores an expired image (see {@link LifecycleStore#restore}); empty if none can be restored. */
    public Optional<RestoreOutcome> restore(RepositoryName repository, Digest digest, String actor) {
        return store.restore(repository, digest, clock.instant(), actor);
    }
}
