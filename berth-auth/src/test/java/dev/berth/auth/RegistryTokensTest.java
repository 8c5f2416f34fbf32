package dev.berth.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.iam.Arn;
import dev.berth.metadata.JdbcMetadataStore;
import dev.berth.metadata.StsSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registry passwords: bound to their access key, signed, limited to 12 h and to the credentials' own life. */
class RegistryTokensTest {
    static final String ACCOUNT = "123456789012";
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;
    JdbcMetadataStore store;
    MutableClock clock;
    CredentialDirectory credentials;
    RegistryTokens tokens;

    @BeforeEach
    void open() {
        store = JdbcMetadataStore.sqlite(dir.resolve("m.db"));
        clock = new MutableClock(Instant.parse("2026-11-21T12:00:00Z"));
        credentials = new CredentialDirectory(ACCOUNT, "AKIAROOTROOTROOT0001", "root-secret-0123456789", store.iamStore());
        tokens = new RegistryTokens(KEY, credentials, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void rootPasswordWorksForTwelveHoursThenNot() {
        RegistryTokens.Issued issued = tokens.issue(Principal.root(ACCOUNT, "AKIAROOTROOTROOT0001"));
        assertThat(issued.password()).doesNotContain(":");
        assertThat(issued.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(12)));
        assertThat(tokens.verify(issued.password())).map(Principal::isRoot).hasValue(true);
        clock.advance(Duration.ofHours(12));
        assertThat(tokens.verify(issued.password())).isEmpty();
    }

    @Test
    void sessionPasswordNeverOutlivesTheSession() {
        Instant now = clock.instant();
        store.iamStore().saveSession(new StsSession("ASIAAAAAAAAAAAAAAAAA", "secret", StsSession.tokenSha256("t"),
                Arn.parse("arn:aws:sts::" + ACCOUNT + ":assumed-role/push/ci"),
                Arn.parse("arn:aws:iam::" + ACCOUNT + ":role/push"), "AROAEXAMPLE", "ci", "repo:acme/app", "", "{}",
                now, now.plus(Duration.ofHours(1))));
        Principal session = credentials.find("ASIAAAAAAAAAAAAAAAAA").orElseThrow().principal();
        RegistryTokens.Issued issued = tokens.issue(session);
        assertThat(issued.expiresAt()).isEqualTo(now.plus(Duration.ofHours(1)));
        assertThat(tokens.verify(issued.password())).map(Principal::arn).hasValue(session.arn());
        clock.advance(Duration.ofMinutes(61));
        assertThat(tokens.verify(issued.password())).isEmpty();
    }

    @Test
    void tamperedForeignOrMalformedPasswordsAreRefused() {
        String password = tokens.issue(Principal.root(ACCOUNT, "AKIAROOTROOTROOT0001")).password();
        String[] parts = password.split("\\.");
        String longer = parts[0] + "." + parts[1] + "." + (Long.parseLong(parts[2]) + 86400) + "." + parts[3];
        String otherKey = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString("AKIAOTHEROTHEROTHER1".getBytes(StandardCharsets.UTF_8)) + "." + parts[2] + "." + parts[3];
        RegistryTokens foreign = new RegistryTokens("another-key-another-key-another-k".getBytes(StandardCharsets.US_ASCII),
                credentials, clock);
        assertThat(tokens.verify(longer)).isEmpty();
        assertThat(tokens.verify(otherKey)).isEmpty();
        assertThat(foreign.verify(password)).isEmpty();
        for (String bad : new String[] {"", "v1", "v1...", "v2.a.b.c", "v1.%%%.1.x", "v1.QQ.notanumber.QQ"}) {
            assertThat(tokens.verify(bad)).as(bad).isEmpty();
        }
    }
}
