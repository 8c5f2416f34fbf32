package dev.berth.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.iam.Arn;
import dev.berth.metadata.Role;
import dev.berth.metadata.StsSession;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Temporary credentials as STS will keep them: minted with {@link IamIds}, stored through the {@code IamStore} the
 * service runs on, found by access key id, checked against the session token, and swept once expired.
 */
class StsSessionsTest extends IamServiceFixture {

    @Test
    void identifiersHaveAwsFormats() {
        assertThat(IamIds.roleId()).matches("AROA[A-Z0-9]{17}");
        assertThat(IamIds.temporaryAccessKeyId()).matches("ASIA[A-Z0-9]{16}");
        assertThat(IamIds.secretAccessKey()).matches("[A-Za-z0-9+/]{40}");
        assertThat(IamIds.sessionToken()).matches("[A-Za-z0-9_-]{86}");
    }

    @Test
    void identifiersAreFresh() {
        Set<String> seen = new HashSet<>();
        IntStream.range(0, 1000).forEach(i -> {
            seen.add(IamIds.temporaryAccessKeyId());
            seen.add(IamIds.secretAccessKey());
            seen.add(IamIds.sessionToken());
        });

        assertThat(seen).hasSize(3000);
    }

    @Test
    void aSessionIsFoundByAccessKeyIdAndCheckedByTokenHash() {
        Role gha = createRole("gha");
        String token = IamIds.sessionToken();
        StsSession session = session(gha, token, T0, Duration.ofHours(1));

        store.saveSession(session);

        StsSession found = store.findSession(session.accessKeyId()).orElseThrow();
        assertThat(found).isEqualTo(session);
        assertThat(found.sessionTokenSha256()).hasSize(64).isNotEqualTo(token);
        assertThat(found.tokenMatches(token)).isTrue();
        assertThat(found.tokenMatches(IamIds.sessionToken())).isFalse();
        assertThat(found.isExpiredAt(T0.plusSeconds(3599))).isFalse();
        assertThat(found.isExpiredAt(T0.plusSeconds(3600))).isTrue();
    }

    @Test
    void expiredSessionsAreSwept() {
        Role gha = createRole("gha");
        StsSession shortOne = session(gha, IamIds.sessionToken(), T0, Duration.ofMinutes(15));
        StsSession longOne = session(gha, IamIds.sessionToken(), T0, Duration.ofHours(12));
        store.saveSession(shortOne);
        store.saveSession(longOne);

        assertThat(store.deleteExpiredSessions(T0.plus(Duration.ofHours(1)))).isEqualTo(1);

        assertThat(store.findSession(shortOne.accessKeyId())).isEmpty();
        assertThat(store.findSession(longOne.accessKeyId())).contains(longOne);
    }

    @Test
    void aSessionRemembersWhichRoleItWasAssumedFrom() {
        Role first = createRole("gha");
        StsSession session = session(first, IamIds.sessionToken(), T0, Duration.ofHours(1));
        store.saveSession(session);
        iam.deleteRole("gha");
        Role second = createRole("gha");

        StsSession found = store.findSession(session.accessKeyId()).orElseThrow();

        assertThat(found.roleArn()).isEqualTo(second.arn());
        assertThat(found.roleId()).isEqualTo(first.roleId()).isNotEqualTo(second.roleId());
    }

    private static StsSession session(Role role, String token, Instant issuedAt, Duration duration) {
        Arn assumed = Arn.parse("arn:aws:sts::" + ACCOUNT + ":assumed-role/" + role.name() + "/GitHubActions");
        return new StsSession(IamIds.temporaryAccessKeyId(), IamIds.secretAccessKey(), StsSession.tokenSha256(token),
                assumed, role.arn(), role.roleId(), "GitHubActions", "repo:acme/app:ref:refs/heads/main", "",
                "{\"sub\":\"repo:acme/app:ref:refs/heads/main\",\"repository\":\"acme/app\",\"run_id\":\"7\"}",
                issuedAt, issuedAt.plus(duration));
    }
}
