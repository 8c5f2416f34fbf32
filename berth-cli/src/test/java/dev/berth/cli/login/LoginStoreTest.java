package dev.berth.cli.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginStoreTest {
    static final Instant NOW = Instant.parse("2026-11-22T01:00:00Z");

    @TempDir
    Path dir;

    static SavedLogin roleLogin() {
        return new SavedLogin("http://127.0.0.1:5000", "us-east-1", SavedLogin.Origin.WEB_IDENTITY,
                "arn:aws:iam::000000000000:role/push", "berth", "sts.amazonaws.com", "BERTH_ID_TOKEN", null, null,
                new SavedLogin.Session("ASIAEXAMPLE", "session-secret", "session-token", NOW.plusSeconds(3600)),
                new SavedLogin.Password("AWS", "registry-password", NOW.plusSeconds(3600)));
    }

    @Test
    void savesOwnerOnlyAndReadsBack() throws Exception {
        LoginStore store = new LoginStore(dir);
        store.save("127.0.0.1:5000", roleLogin());

        assertThat(store.find("127.0.0.1:5000")).contains(roleLogin());
        assertThat(store.fileFor("127.0.0.1:5000").getFileName()).hasToString("127.0.0.1_5000.json");
        assertThat(Files.getPosixFilePermissions(store.fileFor("127.0.0.1:5000")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(dir.resolve("logins")))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(store.all()).containsExactly(roleLogin());
        assertThat(store.remove("127.0.0.1:5000")).isTrue();
        assertThat(store.remove("127.0.0.1:5000")).isFalse();
        assertThat(store.find("127.0.0.1:5000")).isEmpty();
    }

    @Test
    void anUnreadableFileCountsAsNoLogin() throws Exception {
        LoginStore store = new LoginStore(dir);
        Files.createDirectories(dir.resolve("logins"));
        Files.writeString(store.fileFor("berth.example"), "{not json");
        assertThat(store.find("berth.example")).isEmpty();
        assertThat(store.all()).isEmpty();
    }

    @Test
    void validityHonoursTheMargin() {
        SavedLogin.Password password = roleLogin().password();
        assertThat(password.validFor(NOW, Duration.ofMinutes(5))).isTrue();
        assertThat(password.validFor(NOW.plusSeconds(3600 - 299), Duration.ofMinutes(5))).isFalse();
        assertThat(new SavedLogin.Password("u", "p", null).validFor(NOW.plusSeconds(1_000_000), Duration.ZERO))
                .isTrue();
    }

    @Test
    void toStringShowsNoSecret() {
        assertThat(roleLogin().toString()).doesNotContain("session-secret").doesNotContain("session-token")
                .doesNotContain("registry-password");
    }
}
