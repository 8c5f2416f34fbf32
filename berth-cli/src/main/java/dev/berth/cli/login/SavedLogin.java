package dev.berth.cli.login;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.berth.cli.dockerconfig.RegistryCredentials;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code berth login} keeps for one registry so that the credential helper can hand out, and renew, its
 * password later: where the registry is, how the AWS credentials were obtained (a role via an OIDC token, the
 * static chain, or a password given to {@code store}), the role session (when there is one) and the current
 * registry password. Stored as JSON by {@link LoginStore}. Null fields are absent. {@link #toString()} hides secrets.
 *
 * @param registry the registry URL ({@code http(s)://host[:port]})
 * @param origin how the credentials were obtained
 * @param roleArn the role assumed with a web identity token, for {@link Origin#WEB_IDENTITY}
 * @param session the role session's credentials, for {@link Origin#WEB_IDENTITY}
 * @param password the registry password and when it expires (null expiry: never, for {@link Origin#STORED})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SavedLogin(String registry, String region, Origin origin, String roleArn, String sessionName,
        String audience, String tokenVariable, String tokenFile, Integer durationSeconds, Session session,
        Password password) {

    public enum Origin {
        /** {@code berth login --role-arn}: AssumeRoleWithWebIdentity with a CI's OIDC token. */
        WEB_IDENTITY,
        /** {@code berth login} without a role: the static credential chain, read again on every renewal. */
        STATIC_CHAIN,
        /** {@code docker login} through the helper's {@code store}: a password as given, never renewed. */
        STORED
    }

    public SavedLogin {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(origin, "origin");
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Session(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
        public boolean validFor(Instant now, Duration margin) {
            return expiration.isAfter(now.plus(margin));
        }

        @Override
        public String toString() {
            return "Session[" + accessKeyId + ", expires " + expiration + "]";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Password(String username, String secret, Instant expiresAt) {
        public boolean validFor(Instant now, Duration margin) {
            return expiresAt == null || expiresAt.isAfter(now.plus(margin));
        }

        public RegistryCredentials credentials() {
            return new RegistryCredentials(username, secret);
        }

        @Override
        public String toString() {
            return "Password[" + username + ", expires " + expiresAt + "]";
        }
    }

    public Optional<Session> currentSession() {
        return Optional.ofNullable(session);
    }

    public Optional<Password> currentPassword() {
        return Optional.ofNullable(password);
    }

    public SavedLogin withSession(Session newSession) {
        return new SavedLogin(registry, region, origin, roleArn, sessionName, audience, tokenVariable, tokenFile,
                durationSeconds, newSession, password);
    }

    public SavedLogin withPassword(Password newPassword) {
        return new SavedLogin(registry, region, origin, roleArn, sessionName, audience, tokenVariable, tokenFile,
                durationSeconds, session, newPassword);
    }
}
