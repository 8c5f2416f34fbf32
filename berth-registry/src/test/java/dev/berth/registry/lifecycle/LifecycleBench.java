package dev.berth.registry.lifecycle;

import dev.berth.lifecycle.Decision;
import dev.berth.lifecycle.ImageFacts;
import dev.berth.lifecycle.LifecycleEvaluator;
import dev.berth.lifecycle.LifecyclePolicy;
import dev.berth.metadata.JdbcMetadataStore;
import dev.berth.metadata.LifecycleRun;
import dev.berth.metadata.ManifestRecord;
import dev.berth.oci.Digest;
import dev.berth.oci.DigestAlgorithm;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The lifecycle benchmark (issue 5: "evaluating a policy over 100,000 images in one repository < 2 s"); a main
 * class, not a test, so {@code mvn verify} never runs it. See docs/benchmarks.md, section Lifecycle, for how to run.
 *
 * <p>Part 1, the evaluator alone: the seeds' policy over {@code images} images of one repository (70 % tagged v*,
 * 10 % untagged, 5 % multi-arch indexes with two untagged children each, 5 % referrers), warmed up, then timed.
 * Part 2, through the SQLite store: {@code storeImages} images pushed with the store's own putManifest, then a
 * preview-path evaluation (one consistent read + the evaluator) and a whole run (plan, expiry in batches with audit
 * events) timed.
 */
public final class LifecycleBench {
    static final String POLICY = """
            {"rules": [
              {"rulePriority": 1, "description": "Keep last 10 tagged images",
               "selection": {"tagStatus": "tagged", "tagPrefixList": ["v"], "countType": "imageCountMoreThan",
                             "countNumber": 10}, "action": {"type": "expire"}},
              {"rulePriority": 2, "description": "Remove untagged images after 7 days",
               "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days",
                             "countNumber": 7}, "action": {"type": "expire"}}]}""";
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String INDEX = "application/vnd.oci.image.index.v1+json";

    public static void main(String[] args) throws Exception {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int storeImages = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        evaluator(images);
        if (storeImages > 0) {
            store(storeImages);
        }
    }

    static Digest digest(String seed) {
        return Digest.compute(DigestAlgorithm.SHA256, seed.getBytes(StandardCharsets.UTF_8));
    }

    /** One kind of image per position, in the proportions above. */
    private static String kind(int i) {
        int k = i % 20;
        return k < 14 ? "tagged" : k < 16 ? "untagged" : k == 16 ? "index" : k < 19 ? "child" : "referrer";
    }

    static void evaluator(int count) {
        LifecyclePolicy policy = LifecyclePolicy.parse(POLICY);
        List<ImageFacts> facts = new ArrayList<>(count);
        Digest lastIndex = null;
        Digest lastTagged = null;
        for (int i = 0; i < count; i++) {
            Digest d = digest("image-" + i);
            Instant pushed = T0.plusSeconds(i);
            ImageFacts.Builder b;
            switch (kind(i)) {
                case "tagged" -> {
                    b = ImageFacts.builder(d, MANIFEST, pushed).tag("v" + i);
                    lastTagged = d;
                }
                case "index" -> {
                    b = ImageFacts.builder(d, INDEX, pushed).tag("multi-" + i);
                    lastIndex = d;
                }
                case "child" -> b = ImageFacts.builder(d, MANIFEST, pushed).parent(lastIndex);
                case "referrer" -> b = ImageFacts.builder(d, MANIFEST, pushed).subject(lastTagged);
                default -> b = ImageFacts.builder(d, MANIFEST, pushed);
            }
            facts.add(b.build());
        }
        Instant now = T0.plus(Duration.ofDays(30));
        long expiring = 0;
        for (int warm = 0; warm < 3; warm++) {
            expiring = LifecycleEvaluator.evaluate(policy, facts, now).stream().filter(Decision::expires).count();
        }
        long[] ms = new long[7];
        for (int run = 0; run < ms.length; run++) {
            long start = System.nanoTime();
            LifecycleEvaluator.evaluate(policy, facts, now);
            ms[run] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(ms);
        System.out.printf("evaluator: %,d images, %,d expire; %d runs: min %d ms, median %d ms, max %d ms%n", count,
                expiring, ms.length, ms[0], ms[ms.length / 2], ms[ms.length - 1]);
    }

    static void store(int count) throws Exception {
        Path dir = Files.createTempDirectory("berth-lifecycle-bench-");
        RepositoryName repo = RepositoryName.parse("bench/app");
        try (JdbcMetadataStore store = JdbcMetadataStore.sqlite(dir.resolve("metadata.db"))) {
            store.createRepository(repo, T0);
            long start = System.nanoTime();
            Digest lastTagged = null;
            for (int i = 0; i < count; i++) {
                Digest d = digest("image-" + i);
                boolean tagged = i % 10 < 7;
                Digest subject = i % 10 == 9 && lastTagged != null ? lastTagged : null;
                store.putManifest(new ManifestRecord(repo, d, MANIFEST, 500, T0.plusSeconds(i), subject, null,
                        Map.of()), List.of(digest("layer-" + i), digest("base-layer")), List.of(),
                        tagged ? Tag.parse("v" + i) : null);
                if (tagged) {
                    lastTagged = d;
                }
            }
            System.out.printf("store: %,d images pushed with putManifest in %d ms%n", count,
                    (System.nanoTime() - start) / 1_000_000);
            store.ecrStore().putLifecyclePolicy(repo, POLICY, T0);
            Clock clock = Clock.fixed(T0.plus(Duration.ofDays(30)), ZoneOffset.UTC);
            LifecycleService service = new LifecycleService(store.ecrStore(), store.lifecycleStore(),
                    store.jobStore(), clock, Duration.ofDays(7), name -> {
                        throw new UnsupportedOperationException();
                    });
            start = System.nanoTime();
            LifecycleEvaluation evaluation = service.evaluate(repo, POLICY, clock.instant());
            long evaluateMs = (System.nanoTime() - start) / 1_000_000;
            start = System.nanoTime();
            long reclaimable = service.reclaimableBytes(repo, evaluation);
            long bytesMs = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("store: preview path (read + evaluate) %d ms, %,d expire; reclaimable bytes %,d in %d ms%n",
                    evaluateMs, evaluation.expiring().size(), reclaimable, bytesMs);
            start = System.nanoTime();
            LifecycleRun run = service.run(1, repo).orElseThrow();
            System.out.printf("store: run (evaluate, plan, expire in batches of %d with audit events) %d ms:"
                    + " %,d expired, %,d skipped%n", LifecycleService.BATCH, (System.nanoTime() - start) / 1_000_000,
                    run.expired(), run.skipped());
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
