package dev.berth.server;

import dev.berth.api.distribution.DistributionHandler;
import dev.berth.metadata.JdbcMetadataStore;
import dev.berth.metadata.MetadataStore;
import dev.berth.registry.BlobService;
import dev.berth.registry.ManifestService;
import dev.berth.registry.RepositoryGate;
import dev.berth.registry.RepositoryService;
import dev.berth.storage.BlobStore;
import dev.berth.storage.FsBlobStore;
import dev.berth.api.aws.AwsApiHandler;
import dev.berth.api.distribution.RegistryAccess;
import dev.berth.api.ecr.EcrApi;
import dev.berth.api.iam.IamApi;
import dev.berth.api.sts.StsApi;
import dev.berth.auth.Authorizer;
import dev.berth.auth.CredentialDirectory;
import dev.berth.auth.OidcTokenVerifier;
import dev.berth.auth.Principal;
import dev.berth.auth.RegistryTokens;
import dev.berth.auth.StoredRepositoryPolicies;
import dev.berth.api.ecr.BerthLifecycleOperations;
import dev.berth.api.ecr.EcrContext;
import dev.berth.registry.lifecycle.LifecycleService;
import dev.berth.metadata.EcrStore;
import dev.berth.registry.PullRecorder;
import dev.berth.registry.TemplatedCreation;
import dev.berth.api.audit.ApiAudit;
import dev.berth.api.berth.BerthApi;
import dev.berth.api.berth.GcOperations;
import dev.berth.api.berth.PullGateOperations;
import dev.berth.registry.audit.AuditTrail;
import dev.berth.registry.gc.GarbageCollector;
import dev.berth.registry.gc.GcJob;
import dev.berth.registry.gc.GcSettings;
import dev.berth.registry.jobs.JobHandler;
import dev.berth.registry.jobs.JobRunner;
import dev.berth.registry.scan.PullGate;
import dev.berth.registry.scan.SbomPublisher;
import dev.berth.registry.scan.ScanService;
import dev.berth.metadata.ScanStore;
import dev.berth.vulndb.VulnerabilityDatabase;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.time.Duration;
import dev.berth.auth.SigV4Verifier;
import dev.berth.auth.StsService;
import dev.berth.identity.IamService;
import dev.berth.metadata.IamStore;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.nio.file.Files;
import java.time.Clock;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the stores, services and edges for one configuration and runs the HTTP server. Stopping it lets
 * in-flight requests finish (up to a timeout) before the stores close; upload sessions stay resumable.
 */
public final class BerthServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BerthServer.class);
    /** How often pull counts and times gathered in memory are written (ECR itself refreshes them about daily). */
    private static final Duration PULL_FLUSH_INTERVAL = Duration.ofSeconds(10);
    /** A job's claim lasts this long unless renewed: how soon another node takes over the work of a dead one. */
    private static final Duration JOB_LEASE = Duration.ofMinutes(2);
    private static final Duration JOB_POLL_INTERVAL = Duration.ofSeconds(2);
    private static final int JOB_CONCURRENCY = 2;
    /**
     * How often images whose findings are behind the vulnerability database are re-matched in the background (reads
     * re-match at once; this keeps the stored findings, and CONTINUOUS_SCAN rescans, current).
     */
    private static final Duration REMATCH_INTERVAL = Duration.ofMinutes(1);

    private final Config config;
    private final BlobStore blobs;
    private final MetadataStore metadata;
    private final RepositoryService repositories;
    private final PullRecorder pulls;
    private final JobRunner jobs;
    private final GarbageCollector garbageCollector;
    private final ScanService scans;
    private final AuditTrail auditTrail;
    private final Server jetty;
    private final ServerConnector connector;

    public BerthServer(Config config) throws IOException {
        this.config = config;
        Files.createDirectories(config.dataDir());
        Clock clock = config.clock();
        this.blobs = new FsBlobStore(config.dataDir().resolve("blobs"), clock);
        JdbcMetadataStore jdbc = JdbcMetadataStore.sqlite(Config.metadataDatabase(config.dataDir()));
        this.metadata = jdbc;
        this.repositories = new RepositoryService(jdbc.repositorySettings(), blobs, config.accountId(), clock);
        EcrStore ecrStore = jdbc.ecrStore();
        this.pulls = new PullRecorder(ecrStore, PULL_FLUSH_INTERVAL);
        RepositoryGate gate = new RepositoryGate(metadata, config.createOnPush(),
                new TemplatedCreation(jdbc.repositorySettings(), ecrStore, config.accountId(), clock));
        BlobService blobService = new BlobService(blobs, metadata, gate, clock);
        ManifestService manifests = new ManifestService(blobs, metadata, gate, clock, pulls);
        ScanStore scanStore = jdbc.scanStore();
        Path scanTemp = Files.createDirectories(config.dataDir().resolve("tmp").resolve("scan"));
        this.scans = new ScanService(scanStore, metadata, repositories, blobs, BuiltInScanning.scanner(scanTemp),
                BuiltInScanning.matcher(new VulnerabilityDatabase(jdbc.vulnerabilityStore(), clock)),
                new SbomPublisher(manifests, blobService, BuiltInScanning.sbomWriter(clock), clock),
                this::queueScan, config.accountId(), clock);
        PullGate pullGate = new PullGate(scanStore, metadata, scans, clock);
        manifests.hooks(scans::pushed, pullGate);
        blobService.guard(pullGate);
        StoredRepositoryPolicies policies = new StoredRepositoryPolicies(ecrStore, config.accountId(), clock);

        RootCredentials root = RootCredentials.load(config.dataDir(), config.rootAccessKeyId(),
                config.rootSecretAccessKey());
        if (root.created()) {
            // Printed once, on the console only (never logged): the operator's first and only sight of the secret.
            System.out.println("Berth generated the account's root credentials (kept in "
                    + config.dataDir().resolve("root-credentials") + ", mode 0600):\n  aws_access_key_id = "
                    + root.accessKeyId() + "\n  aws_secret_access_key = " + root.secretAccessKey());
        }
        IamStore iamStore = jdbc.iamStore();
        IamService iam = new IamService(iamStore, config.accountId(), clock);
        CredentialDirectory credentials = new CredentialDirectory(config.accountId(), root.accessKeyId(),
                root.secretAccessKey(), iamStore);
        RegistryTokens tokens = new RegistryTokens(Base64.getDecoder().decode(
                iamStore.serverSecret("registry-token-key", RegistryTokens::newKey)), credentials, clock);
        Authorizer authorizer = new Authorizer(iam, clock);
        OidcTokenVerifier oidc = OidcTokenVerifier.builder(url -> iamStore.findOidcProviderByUrl(url)
                .map(p -> new dev.berth.auth.OidcProvider(p.arn(), p.url(), Set.copyOf(p.clientIds()),
                        p.thumbprints()))).clock(clock).build();
        SigV4Verifier<Principal> sigv4 = SigV4Verifier.builder(credentials).clock(clock).build();
        this.auditTrail = new AuditTrail(jdbc.auditLog());
        ApiAudit audit = new ApiAudit(auditTrail, clock);
        // Background work (lifecycle runs, scans, garbage collection): each feature adds its handler per job kind,
        // and a period for the kinds that recur.
        LifecycleService lifecycle = new LifecycleService(ecrStore, jdbc.lifecycleStore(), jdbc.jobStore(), clock,
                config.lifecycleRestoreWindow(),
                this::submitLifecycleRun);
        Map<String, JobHandler> jobHandlers = new HashMap<>();
        Map<String, Duration> recurringJobs = new HashMap<>();
        this.garbageCollector = new GarbageCollector(blobs, metadata, jdbc.auditLog(),
                new GcSettings(config.gcGrace(), config.uploadExpiry()), clock);
        jobHandlers.put(GcJob.KIND, new GcJob(garbageCollector));
        recurringJobs.put(GcJob.KIND, config.gcInterval());
        jobHandlers.put(LifecycleService.RUN_KIND, lifecycle.runHandler());
        jobHandlers.put(LifecycleService.SWEEP_KIND, lifecycle.sweepHandler());
        if (!config.lifecycleInterval().isZero()) {
            recurringJobs.put(LifecycleService.SWEEP_KIND, config.lifecycleInterval());
        }
        jobHandlers.put(ScanService.JOB_KIND, new ScanJobHandler(scans));
        jobHandlers.put(ScanService.REMATCH_JOB_KIND, job -> scans.rematchBehind());
        recurringJobs.put(ScanService.REMATCH_JOB_KIND, REMATCH_INTERVAL);
        this.jobs = new JobRunner(jdbc.jobStore(), clock, nodeId(), jobHandlers, recurringJobs, JOB_LEASE,
                JOB_POLL_INTERVAL, JOB_CONCURRENCY);
        EcrContext ecrContext = new EcrContext(config.accountId(), config.region(), this::publicUrl, authorizer,
                policies, repositories, manifests, blobService, ecrStore, pulls, tokens, clock, scans, lifecycle);
        BerthApi berthApi = new PullGateOperations(pullGate, repositories, config.accountId(), clock)
                .registerWith(new BerthApi(authorizer, jdbc.auditLog(), auditTrail));
        new BerthLifecycleOperations(ecrContext).register(berthApi);
        new GcOperations(jobs).registerIn(berthApi);
        var aws = new AwsApiHandler(sigv4,
                List.of(new StsApi(new StsService(oidc, iam, iamStore, clock)), new IamApi(iam, authorizer)),
                List.of(new EcrApi(tokens, ecrContext), berthApi), clock, audit);
        RegistryAccess access = config.open() ? null : new RegistryAccess(credentials, tokens, authorizer,
                policies, config.region(), config.accountId());
        var distribution = new DistributionHandler(blobService, manifests, access, config.open() ? null : gate, audit);

        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("berth");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        this.jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setOutputBufferSize(256 * 1024);
        http.setRequestHeaderSize(16 * 1024);
        this.connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(config.listenHost());
        connector.setPort(config.listenPort());
        connector.setIdleTimeout(120_000);
        jetty.addConnector(connector);
        jetty.setHandler(new GracefulHandler(new RootHandler(distribution, aws)));
        jetty.setStopTimeout(30_000);
    }

    public void start() throws Exception {
        start(true);
    }

    /** @param runJobs false to serve requests without running background jobs (queued work waits: tests) */
    void start(boolean runJobs) throws Exception {
        jetty.start();
        if (runJobs) {
            jobs.start();
        }
        LOG.info("Berth listening on {}:{} (data in {}, public URL {})", config.listenHost(), port(),
                config.dataDir().toAbsolutePath(), publicUrl());
    }

    private void queueScan(String subject, java.util.Optional<String> payload) {
        jobs.submit(ScanService.JOB_KIND, subject, payload.orElse(null), config.clock().instant());
    }

    /** The bound port (useful when configured as 0). */
    public int port() {
        return connector.getLocalPort();
    }

    public String publicUrl() {
        return config.publicUrl() != null ? config.publicUrl() : "http://" + config.listenHost() + ":" + port();
    }

    /**
     * The repository service of this server's stores, which the ECR API serves; tests in this package reach it
     * directly to configure repositories without a client.
     */
    RepositoryService repositories() {
        return repositories;
    }

    /** This server's garbage collector, for tests that run collections directly, racing clients over HTTP. */
    GarbageCollector garbageCollector() {
        return garbageCollector;
    }

    public void join() throws InterruptedException {
        jetty.join();
    }

    /** Queues a lifecycle run of the repository now and wakes this node's job runner. */
    private dev.berth.metadata.Job submitLifecycleRun(dev.berth.oci.RepositoryName repository) {
        return jobs.submit(LifecycleService.RUN_KIND, repository.value(), null, config.clock().instant());
    }

    /** Names this process in job leases: host, process id, and a random part for several servers in one JVM. */
    private static String nodeId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid() + "/" + Long.toHexString(new java.security.SecureRandom().nextLong() & 0xffffffL);
    }

    @Override
    public void close() throws Exception {
        try {
            jobs.close();
            jetty.stop();
        } finally {
            try {
                pulls.close();
                auditTrail.close();
                blobs.close();
            } finally {
                metadata.close();
            }
        }
    }
}
