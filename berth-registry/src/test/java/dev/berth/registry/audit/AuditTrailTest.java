package dev.berth.registry.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.metadata.AuditEvent;
import dev.berth.metadata.JdbcMetadataStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTrailTest {
    @TempDir
    Path dir;

    @Test
    void everyEventOfConcurrentWritersIsRecordedAndFlushMakesThemVisible() {
        try (JdbcMetadataStore store = JdbcMetadataStore.sqlite(dir.resolve("m.db"))) {
            AuditTrail trail = new AuditTrail(store.auditLog());
            try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    pool.submit(() -> {
                        for (int i = 0; i < 250; i++) {
                            trail.record(AuditEvent.of(Instant.now(), "arn:aws:iam::000000000000:root", "ecr:PutImage",
                                    "team/app", thread + "-" + i, "{}"));
                        }
                    });
                }
            }
            trail.flush();
            assertThat(store.auditLog().list(Optional.empty(), Optional.empty(), 0, 5_000)).hasSize(2_000);

            trail.record(AuditEvent.of(Instant.now(), "a", "ecr:DeleteRepository", "team/app", null, "{}"));
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    store.auditLog().list(Optional.empty(), Optional.empty(), 0, 1).get(0).action()
                            .equals("ecr:DeleteRepository"));
            trail.record(AuditEvent.of(Instant.now(), "a", "ecr:Last", null, null, "{}"));
            trail.close();
            assertThat(store.auditLog().list(Optional.empty(), Optional.empty(), 0, 1).get(0).action())
                    .isEqualTo("ecr:Last");
        }
    }
}
