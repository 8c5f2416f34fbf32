package dev.berth.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Pre-signed blob downloads: genuine for one blob, for 15 minutes, and never a registry password. */
class RegistryTokensDownloadTest {
    static final String DIGEST = "sha256:" + "a".repeat(64);
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    final CredentialDirectory credentials = new CredentialDirectory("123456789012", "AKIAROOT", "secret", null);
    final RegistryTokens tokens = new RegistryTokens(new byte[32], credentials, clock);
    final Principal root = Principal.root("123456789012", "AKIAROOT");

    @Test
    void aTokenAuthenticatesItsBlobOnlyAndOnlyForFifteenMinutes() {
        String token = tokens.signDownload(root, "team/app", DIGEST);
        assertThat(tokens.verifyDownload(token, "team/app", DIGEST)).contains(root);
        assertThat(tokens.verifyDownload(token, "team/other", DIGEST)).isEmpty();
        assertThat(tokens.verifyDownload(token, "team/app", "sha256:" + "b".repeat(64))).isEmpty();
        assertThat(tokens.verifyDownload(token.substring(0, token.length() - 1) + "x", "team/app", DIGEST)).isEmpty();
        assertThat(tokens.verifyDownload("garbage", "team/app", DIGEST)).isEmpty();
        clock.advance(RegistryTokens.DOWNLOAD_VALIDITY.minusSeconds(1));
        assertThat(tokens.verifyDownload(token, "team/app", DIGEST)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.verifyDownload(token, "team/app", DIGEST)).isEmpty();
    }

    @Test
    void downloadTokensAndPasswordsAreNotInterchangeable() {
        String password = tokens.issue(root).password();
        assertThat(tokens.verifyDownload(password, "team/app", DIGEST)).isEmpty();
        assertThat(tokens.verify(tokens.signDownload(root, "team/app", DIGEST))).isEmpty();
    }
}
