package dev.berth.registry.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.metadata.AuditEvent;
import dev.berth.metadata.ExpiredImage;
import dev.berth.metadata.JdbcMetadataStore;
import dev.berth.metadata.LifecycleRun;
import dev.berth.metadata.LifecycleStore;
import dev.berth.metadata.ManifestRecord;
import dev.berth.metadata.PlannedExpiry;
import dev.berth.metadata.RestoreOutcome;
import dev.berth.oci.Digest;
import dev.berth.oci.DigestAlgorithm;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lifecycle runs over the real SQLite store: preview equals execution, a run that dies midway resumes its own plan
 * (nothing evaluated again, nothing expired twice), and the plan's groups keep referrers with their subjects.
 */
class LifecycleServiceTest {
    static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    static final RepositoryName REPO = RepositoryName.parse("team/app");
    static final String MEDIA = "application/vnd.oci.image.manifest.v1+json";
    /** Keep the 2 newest v* images; untagged images expire after 7 days. */
    static final String POLICY = """
            {"rules": [
              {"rulePriority": 1, "description": "keep 2", "selection": {"tagStatus": "tagged", "tagPrefixList": ["v"],
               "countType": "imageCountMoreThan", "countNumber": 2}, "action": {"type": "expire"}},
              {"rulePriority": 2, "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed",
               "countUnit": "days", "countNumber": 7}, "action": {"type": "expire"}}]}""";

    @TempDir
    Path dir;
    JdbcMetadataStore store;
    Clock clock = Clock.fixed(T0.plus(Duration.ofDays(1)), ZoneOffset.UTC);

    @BeforeEach
    void open() {
        store = JdbcMetadataStore.sqlite(dir.resolve("metadata.db"));
        store.createRepository(REPO, T0);
        store.ecrStore().putLifecyclePolicy(REPO, POLICY, T0);
        for (int i = 1; i <= 5; i++) {
            push("v" + i, i, null, "v" + i);
        }
        push("sig-v1", 10, digest("v1"), null);   // a signature of v1: expires with it
        push("sig-v5", 11, digest("v5"), null);   // a signature of v5: kept with it
        push("untagged", 12, null, null);          // one day old: kept
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void push(String seed, int second, Digest subject, String tag) {
        store.putManifest(new ManifestRecord(REPO, digest(seed), MEDIA, 100, T0.plusSeconds(second), subject,
                subject == null ? null : "application/vnd.dev.cosign", Map.of()), List.of(digest("layer-" + seed)),
                List.of(), tag == null ? null : Tag.parse(tag));
    }

    static Digest digest(String seed) {
        return Digest.compute(DigestAlgorithm.SHA256, seed.getBytes(StandardCharsets.UTF_8));
    }

    private LifecycleService service(LifecycleStore lifecycle, int batch) {
        return new LifecycleService(store.ecrStore(), lifecycle, store.jobStore(), clock, Duration.ofDays(7),
                name -> { throw new UnsupportedOperationException(); }, batch);
    }

    private Set<Digest> live() {
        return store.ecrStore().lifecycleImages(REPO).stream().map(i -> i.digest()).collect(Collectors.toSet());
    }

    @Test
    void aRunExpiresExactlyWhatThePreviewShows() {
        LifecycleService service = service(store.lifecycleStore(), 200);
        Set<Digest> previewed = service.evaluate(REPO, POLICY, clock.instant()).expiring().stream()
                .map(d -> d.image().digest()).collect(Collectors.toSet());
        assertThat(previewed).containsExactlyInAnyOrder(digest("v1"), digest("v2"), digest("v3"), digest("sig-v1"));
        Set<Digest> before = live();

        LifecycleRun run = service.run(1, REPO).orElseThrow();
        assertThat(run.done()).isTrue();
        assertThat(run.expired()).isEqualTo(4);
        Set<Digest> expected = new java.util.HashSet<>(before);
        expected.removeAll(previewed);
        assertThat(live()).isEqualTo(expected);
        assertThat(service.expiredImages(REPO)).extracting(ExpiredImage::digest)
                .containsExactlyInAnyOrderElementsOf(previewed);
        assertThat(store.ecrStore().lifecyclePolicy(REPO).orElseThrow().lastEvaluated()).contains(clock.instant());
        // running the same job again changes nothing
        assertThat(service.run(1, REPO).orElseThrow().expired()).isEqualTo(4);
        assertThat(expireEvents()).hasSize(4);
    }

    @Test
    void aRunThatDiesMidwayResumesItsOwnPlan() {
        AtomicInteger calls = new AtomicInteger();
        LifecycleStore real = store.lifecycleStore();
        // A node that dies after its first batch: the second expireNext never happens.
        LifecycleStore dying = (LifecycleStore) Proxy.newProxyInstance(LifecycleStore.class.getClassLoader(),
                new Class<?>[] {LifecycleStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("expireNext") && calls.incrementAndGet() == 2) {
                        throw new IllegalStateException("node died");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        assertThatThrownBy(() -> service(dying, 1).run(7, REPO)).hasMessageContaining("node died");
        LifecycleRun halfway = real.runOfJob(7).orElseThrow();
        assertThat(halfway.done()).isFalse();
        assertThat(halfway.expired()).isBetween(1, 2);   // one group: an image, or v1 with its signature
        assertThat(halfway.pending()).isEqualTo(4 - halfway.expired());

        // Meanwhile v6 is pushed: a new evaluation would now expire v4 too; the resumed run must not.
        push("v6", 20, null, "v6");
        LifecycleRun resumed = service(real, 1).run(7, REPO).orElseThrow();
        assertThat(resumed.id()).isEqualTo(halfway.id());
        assertThat(resumed.done()).isTrue();
        assertThat(resumed.expired()).isEqualTo(4);
        assertThat(resumed.skipped()).isZero();
        assertThat(live()).contains(digest("v4"), digest("v5"), digest("v6"), digest("sig-v5"), digest("untagged"))
                .doesNotContain(digest("v1"), digest("v2"), digest("v3"), digest("sig-v1"));
        assertThat(expireEvents()).extracting(e -> e.target().orElseThrow()).doesNotHaveDuplicates().hasSize(4);
    }

    @Test
    void theSubjectAndItsReferrerShareAGroupAndARestoreBringsBothBack() {
        LifecycleService service = service(store.lifecycleStore(), 200);
        List<PlannedExpiry> plan = ExpiryPlan.of(service.evaluate(REPO, POLICY, clock.instant()));
        Map<Digest, Integer> groups = plan.stream().collect(Collectors.toMap(PlannedExpiry::digest,
                PlannedExpiry::group));
        assertThat(groups.get(digest("sig-v1"))).isEqualTo(groups.get(digest("v1")));
        assertThat(groups.get(digest("v2"))).isNotEqualTo(groups.get(digest("v1")))
                .isNotEqualTo(groups.get(digest("v3")));
        PlannedExpiry v1 = plan.stream().filter(p -> p.digest().equals(digest("v1"))).findFirst().orElseThrow();
        assertThat(v1.detail()).contains("\"rulePriority\":1", "\"ruleDescription\":\"keep 2\"", "\"tags\":[\"v1\"]",
                "\"reason\":\"rule 1 ");

        service.run(3, REPO);
        RestoreOutcome restored = service.restore(REPO, digest("v1"), "arn:aws:iam::123456789012:root")
                .orElseThrow();
        assertThat(restored.restored()).containsExactly(digest("v1"), digest("sig-v1"));
        assertThat(restored.tags()).containsExactly(Tag.parse("v1"));
        assertThat(live()).contains(digest("v1"), digest("sig-v1"));
        assertThat(service.restore(REPO, digest("v1"), "x")).isEmpty();
    }

    private List<AuditEvent> expireEvents() {
        return store.auditLog().list(Optional.of(REPO.value()), Optional.empty(), 0, 100).stream()
                .filter(e -> e.action().equals("lifecycle:ExpireImage")).toList();
    }
}
