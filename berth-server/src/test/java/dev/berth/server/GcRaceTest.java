package dev.berth.server;

import static dev.berth.server.Fixtures.OCI_MANIFEST;
import static dev.berth.server.Fixtures.bytes;
import static dev.berth.server.Fixtures.manifest;
import static dev.berth.server.Fixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.registry.gc.GcReport;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The garbage collection race: clients push images that share layers and configs into a few repositories, over
 * HTTP, while the server's collector runs pass after pass with no grace period, and half of the images are deleted
 * right after their push, so blobs keep flipping between referenced and unreferenced and there is garbage to
 * collect all along. Blobs go up in all three ways clients use (one request, chunks, cross-repository mount), after
 * a HEAD, as clients do. With no grace period a link that no manifest needs yet may be removed between a blob push
 * and the manifest push; the manifest push then fails cleanly with MANIFEST_BLOB_UNKNOWN, and the client pushes the
 * image again (and gives up after a few tries: at grace 0 that is allowed, only an inconsistent answer is not).
 * Each pushed image is pulled back at once, during the race, and afterwards every image still listed pulls back with
 * every blob intact, and what only deleted images used is gone from disk.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class GcRaceTest {
    private static final int PUSHERS = 4;
    private static final int GC_PASSES = 300;
    private static final int PAUSE_MS = 80;
    private static final int MIN_IMAGES_PER_PUSHER = 15;
    private static final int MAX_ATTEMPTS = 10;
    private static final int MIN_KEPT = 20;
    private static final int REPOSITORIES = 3;
    private static final List<byte[]> LAYERS = List.of(bytes(20_000, 1), bytes(3_000, 2), bytes(9_000, 3),
            bytes(14_000, 4), bytes(1_000, 5), bytes(6_000, 6), bytes(25_000, 7), bytes(500, 8));
    private static final List<byte[]> CONFIGS = List.of(config("amd64"), config("arm64"), config("s390x"),
            config("ppc64le"));

    record Pushed(String repository, String tag, String digest, List<String> blobs) {}

    @Test
    void pushesRacingCollectionsNeverLoseABlobAndGarbageIsCollected() throws Exception {
        try (TestServer server = TestServer.startWithGc(Duration.ofHours(1), Duration.ZERO, Duration.ofHours(24))) {
            OciClient client = new OciClient(server.url());
            AtomicBoolean pushing = new AtomicBoolean(true);
            AtomicInteger passes = new AtomicInteger();
            AtomicLong deletedDuringRace = new AtomicLong();
            AtomicInteger cleanFailures = new AtomicInteger();
            AtomicInteger givenUp = new AtomicInteger();
            ConcurrentLinkedQueue<Pushed> kept = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Pushed> deleted = new ConcurrentLinkedQueue<>();

            ExecutorService pool = Executors.newFixedThreadPool(PUSHERS + 1);
            try {
                Future<?> collector = pool.submit(() -> {
                    // Paced by a random pause of up to PAUSE_MS: back to back, with no grace period, passes would
                    // remove every link that no manifest needs yet faster than any client can push its manifest
                    // (the grace period is what gives clients that time).
                    Random pause = new Random(42);
                    while (pushing.get()) {
                        GcReport report = server.garbageCollector().collect();
                        deletedDuringRace.addAndGet(report.blobsDeleted());
                        passes.incrementAndGet();
                        Thread.sleep(pause.nextInt(PAUSE_MS));
                    }
                    return null;
                });
                List<Future<?>> pushers = new ArrayList<>();
                for (int p = 0; p < PUSHERS; p++) {
                    int pusher = p;
                    pushers.add(pool.submit(() -> {
                        for (int n = 0; n < MIN_IMAGES_PER_PUSHER || passes.get() < GC_PASSES
                                || kept.size() < MIN_KEPT; n++) {
                            Pushed image = pushImage(client, pusher, n, cleanFailures);
                            if (image == null) {
                                givenUp.incrementAndGet();
                                continue;
                            }
                            // At once, while collections go on: a stored manifest's blobs are never collectable.
                            client.pullVerified(image.repository(), image.digest());
                            if (n % 2 == 0) {
                                HttpResponse<byte[]> r = client.http().delete(
                                        "/v2/" + image.repository() + "/manifests/" + image.digest());
                                assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(202);
                                deleted.add(image);
                            } else {
                                kept.add(image);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : pushers) {
                    f.get(8, TimeUnit.MINUTES);
                }
                pushing.set(false);
                collector.get(1, TimeUnit.MINUTES);
            } finally {
                pushing.set(false);
                pool.shutdownNow();
            }

            System.out.printf("GcRaceTest: %d collection passes (%d blobs collected meanwhile), %d images kept,"
                            + " %d deleted, %d manifest pushes refused cleanly (MANIFEST_BLOB_UNKNOWN), %d images"
                            + " given up after %d tries%n", passes.get(), deletedDuringRace.get(), kept.size(),
                    deleted.size(), cleanFailures.get(), givenUp.get(), MAX_ATTEMPTS);
            assertThat(passes.get()).isGreaterThanOrEqualTo(GC_PASSES);
            assertThat(kept).as("images pushed and kept").hasSizeGreaterThanOrEqualTo(MIN_KEPT);
            assertThat(deletedDuringRace.get()).as("blobs collected while pushes ran").isPositive();
            // Every manifest, by tag and by digest, with every blob fetched and checked.
            for (Pushed image : kept) {
                client.pullVerified(image.repository(), image.tag());
                client.pullVerified(image.repository(), image.digest());
            }
            int listed = 0;
            for (int r = 0; r < REPOSITORIES; r++) {
                for (String tag : client.tags("race/r" + r)) {
                    client.pullVerified("race/r" + r, tag);
                    listed++;
                }
            }
            assertThat(listed).isEqualTo(kept.size());
            for (Pushed image : deleted) {
                assertThat(client.http().get("/v2/" + image.repository() + "/manifests/" + image.digest())
                        .statusCode()).isEqualTo(404);
            }

            // Once quiet, what only deleted images used (their manifests' bytes, and any layer or config no kept
            // image uses) is gone from disk, and everything kept images use is there.
            server.garbageCollector().collect();
            Set<String> inUse = new HashSet<>();
            for (Pushed image : kept) {
                inUse.add(image.digest());
                inUse.addAll(image.blobs());
            }
            Set<String> garbage = new HashSet<>();
            for (Pushed image : deleted) {
                garbage.add(image.digest());
                garbage.addAll(image.blobs());
            }
            garbage.removeAll(inUse);
            assertThat(garbage).as("deleted images' manifests at least").hasSizeGreaterThanOrEqualTo(deleted.size());
            for (String digest : garbage) {
                assertThat(blobFile(server, digest)).as("garbage %s", digest).doesNotExist();
            }
            for (String digest : inUse) {
                assertThat(blobFile(server, digest)).as("in use %s", digest).exists();
            }
        }
    }

    /**
     * Pushes an image of two shared layers and a shared config, under a manifest of its own (its artifact type names
     * it); a blob is pushed only if a HEAD does not find it. A refused manifest push starts over; null after
     * {@value #MAX_ATTEMPTS} refusals.
     */
    private static Pushed pushImage(OciClient client, int pusher, int n, AtomicInteger cleanFailures) {
        Random random = new Random(pusher * 100_003L + n);
        String repository = "race/r" + random.nextInt(REPOSITORIES);
        String tag = "p" + pusher + "-" + n;
        int first = random.nextInt(LAYERS.size());
        int second = (first + 1 + random.nextInt(LAYERS.size() - 1)) % LAYERS.size();
        byte[] config = CONFIGS.get(random.nextInt(CONFIGS.size()));
        List<byte[]> blobs = List.of(LAYERS.get(first), LAYERS.get(second), config);
        byte[] manifest = manifest(config, "application/vnd.example.race." + tag, null, LAYERS.get(first),
                LAYERS.get(second));
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            for (byte[] blob : blobs) {
                if (client.http().send("HEAD", "/v2/" + repository + "/blobs/" + sha256(blob), null, Map.of())
                        .statusCode() == 200) {
                    continue;
                }
                switch (random.nextInt(3)) {
                    case 0 -> client.pushMonolithic(repository, blob);
                    case 1 -> client.pushChunked(repository, blob, 4096);
                    default -> mountOrPush(client, repository, "race/r" + random.nextInt(REPOSITORIES), blob);
                }
            }
            HttpResponse<byte[]> r = client.http().put("/v2/" + repository + "/manifests/" + tag, manifest,
                    OCI_MANIFEST);
            if (r.statusCode() == 201) {
                assertThat(r.headers().firstValue("Docker-Content-Digest")).hasValue(sha256(manifest));
                return new Pushed(repository, tag, sha256(manifest), blobs.stream().map(Fixtures::sha256).toList());
            }
            assertThat(r.statusCode()).as("manifest push %s: %s", tag, Http.text(r)).isEqualTo(404);
            assertThat(Http.text(r)).contains("MANIFEST_BLOB_UNKNOWN");
            cleanFailures.incrementAndGet();
        }
        return null;
    }

    private static byte[] config(String architecture) {
        return ("{\"architecture\":\"" + architecture + "\",\"os\":\"linux\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** A cross-repository mount; when the source lacks the blob (202, a new session), the bytes in one PUT. */
    private static void mountOrPush(OciClient client, String repository, String from, byte[] blob) {
        HttpResponse<byte[]> r = client.http().post("/v2/" + repository + "/blobs/uploads/?mount=" + sha256(blob)
                + "&from=" + from, null);
        if (r.statusCode() == 201) {
            return;
        }
        assertThat(r.statusCode()).as("mount into %s: %s", repository, Http.text(r)).isEqualTo(202);
        client.finishUpload(r.headers().firstValue("Location").orElseThrow(), blob, 0);
    }

    private static Path blobFile(TestServer server, String digest) {
        String hex = digest.substring("sha256:".length());
        return server.dataDir().resolve("blobs/blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex);
    }
}
