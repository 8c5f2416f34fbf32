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
import java.io.IOException;
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

    private final Config config;
    private final BlobStore blobs;
    private final MetadataStore metadata;
    private final RepositoryService repositories;
    private final Server jetty;
    private final ServerConnector connector;

    public BerthServer(Config config) throws IOException {
        this.config = config;
        Files.createDirectories(config.dataDir());
        Clock clock = config.clock();
        this.blobs = new FsBlobStore(config.dataDir().resolve("blobs"));
        JdbcMetadataStore jdbc = JdbcMetadataStore.sqlite(config.dataDir().resolve("metadata.db"));
        this.metadata = jdbc;
        this.repositories = new RepositoryService(jdbc.repositorySettings(), blobs, config.accountId(), clock);
        RepositoryGate gate = new RepositoryGate(metadata, config.createOnPush());
        var distribution = new DistributionHandler(
                new BlobService(blobs, metadata, gate, clock), new ManifestService(blobs, metadata, gate, clock));

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
        jetty.setHandler(new GracefulHandler(new RootHandler(distribution)));
        jetty.setStopTimeout(30_000);
    }

    public void start() throws Exception {
        jetty.start();
        LOG.info("Berth listening on {}:{} (data in {}, public URL {})", config.listenHost(), port(),
                config.dataDir().toAbsolutePath(), publicUrl());
    }

    /** The bound port (useful when configured as 0). */
    public int port() {
        return connector.getLocalPort();
    }

    public String publicUrl() {
        return config.publicUrl() != null ? config.publicUrl() : "http://" + config.listenHost() + ":" + port();
    }

    /**
     * The repository service of this server's stores. Until the ECR edge serves it, only tests in this package
     * reach it, to configure repositories the way that API will.
     */
    RepositoryService repositories() {
        return repositories;
    }

    public void join() throws InterruptedException {
        jetty.join();
    }

    @Override
    public void close() throws Exception {
        try {
            jetty.stop();
        } finally {
            try {
                blobs.close();
            } finally {
                metadata.close();
            }
        }
    }
}
