package dev.berth.server;

import static dev.berth.server.Fixtures.OCI_MANIFEST;
import static dev.berth.server.Fixtures.bytes;
import static dev.berth.server.Fixtures.manifest;
import static dev.berth.server.Fixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sixteen clients push at once, released together by a start gate: first distinct images into distinct
 * repositories, then the very same blobs and manifest into one shared repository and into separate ones. Half push
 * their blobs in chunks (POST, PATCH with Content-Range, PUT), half in one request. Afterwards every manifest and
 * blob pulls back intact, every tag is listed, and the store holds no upload session, temp file or damaged blob.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ConcurrentPushTest {
    private static final int CLIENTS = 16;
    private static final int MIB = 1024 * 1024;
    private static final int CHUNK = 512 * 1024;

    TestServer server;
    OciClient client;

    @BeforeEach
    void start() {
        server = TestServer.start();
        client = new OciClient(server.url());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void distinctImagesIntoDistinctRepositories() throws Exception {
        List<String> digests = runTogether(i -> () -> {
            String repo = "conc/distinct-" + i;
            byte[] big = bytes(MIB + i * 192 * 1024, 1000 + i);
            byte[] small = bytes(64 * 1024, 2000 + i);
            byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"client\":" + i + "}")
                    .getBytes(StandardCharsets.UTF_8);
            for (byte[] blob : List.of(big, small, config)) {
                push(repo, blob, i % 2 == 0);
            }
            return client.pushManifest(repo, "v" + i, manifest(config, null, null, big, small), OCI_MANIFEST);
        });

        for (int i = 0; i < CLIENTS; i++) {
            String repo = "conc/distinct-" + i;
            assertThat(client.pullVerified(repo, "v" + i)).hasSize(4).first().isEqualTo(digests.get(i));
            client.pullVerified(repo, digests.get(i));
            assertThat(client.tags(repo)).containsExactly("v" + i);
        }
        assertStoreClean(3 * CLIENTS + CLIENTS);
    }

    @Test
    void sameBlobsAndManifestIntoOneRepositoryAndIntoMany() throws Exception {
        byte[] layer1 = bytes(3 * MIB + 17, 1);
        byte[] layer2 = bytes(MIB, 2);
        byte[] config = "{\"architecture\":\"arm64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
        byte[] image = manifest(config, null, null, layer1, layer2);

        // Clients 0-7 push into conc/shared, each with its own tag; clients 8-15 each into a repository of its own.
        List<String> digests = runTogether(i -> () -> {
            String repo = i < CLIENTS / 2 ? "conc/shared" : "conc/copy-" + i;
            for (byte[] blob : List.of(layer1, layer2, config)) {
                push(repo, blob, i % 2 == 0);
            }
            return client.pushManifest(repo, i < CLIENTS / 2 ? "t" + i : "latest", image, OCI_MANIFEST);
        });

        assertThat(Set.copyOf(digests)).containsExactly(sha256(image));
        List<String> sharedTags = IntStream.range(0, CLIENTS / 2).mapToObj(i -> "t" + i).toList();
        assertThat(client.tags("conc/shared")).containsExactlyInAnyOrderElementsOf(sharedTags);
        for (String tag : sharedTags) {
            assertThat(client.pullVerified("conc/shared", tag)).hasSize(4).first().isEqualTo(sha256(image));
        }
        for (int i = CLIENTS / 2; i < CLIENTS; i++) {
            assertThat(client.pullVerified("conc/copy-" + i, "latest")).first().isEqualTo(sha256(image));
            assertThat(client.tags("conc/copy-" + i)).containsExactly("latest");
        }
        // Stored once: three blobs and the manifest.
        assertStoreClean(4);
    }

    private void push(String repo, byte[] blob, boolean chunked) {
        if (chunked) {
            client.pushChunked(repo, blob, CHUNK);
        } else {
            client.pushMonolithic(repo, blob);
        }
    }

    /**
     * Runs one task per client on a pool of {@link #CLIENTS} threads, all released at once once every thread is
     * waiting at the gate; returns their results in client order, rethrowing the first failure.
     */
    private static <T> List<T> runTogether(IntFunction<Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            CountDownLatch ready = new CountDownLatch(CLIENTS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                Callable<T> work = task.apply(i);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return work.call();
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).as("all clients at the start gate").isTrue();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(150, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).as("client threads stopped").isTrue();
        }
    }

    /** No upload session or temp file is left, and the blob area holds exactly {@code files} intact files. */
    private void assertStoreClean(int files) {
        DataDir data = new DataDir(server.dataDir());
        assertThat(data.uploadSessions()).as("upload sessions left").isEmpty();
        assertThat(data.tempFiles()).as("temp files left").isEmpty();
        assertThat(data.assertEveryBlobFileMatchesItsName()).as("files in the blob area").isEqualTo(files);
    }
}
