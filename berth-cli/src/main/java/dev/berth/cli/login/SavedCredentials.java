package dev.berth.cli.login;

import dev.berth.cli.CliException;
import dev.berth.cli.Environment;
import dev.berth.cli.ExitCode;
import dev.berth.cli.aws.AwsTarget;
import dev.berth.cli.aws.CredentialSource;
import dev.berth.cli.aws.RegistryEndpoint;
import dev.berth.cli.aws.StaticCredentialChain;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;

/**
 * Renewal of a {@link SavedLogin}: a registry password that is missing or expires within
 * {@link #PASSWORD_MARGIN} is fetched again with the login's AWS credentials — the saved role session while it
 * lasts, then a fresh {@code AssumeRoleWithWebIdentity} if a token source is still at hand (a long CI job), or the
 * static chain read again (a laptop). Passwords are capped by the session's expiry on the server, so a role login
 * that cannot be renewed ends when its session does.
 */
public final class SavedCredentials {
    public static final Duration PASSWORD_MARGIN = Duration.ofMinutes(5);
    static final Duration SESSION_MARGIN = Duration.ofMinutes(1);
    static final String SESSION_NAME = "berth";

    private final Environment env;
    private final LoginStore store;

    public SavedCredentials(Environment env) {
        this.env = env;
        this.store = new LoginStore(env.berthConfigDir());
    }

    public LoginStore store() {
        return store;
    }

    /** The saved login of {@code host} with a password valid for {@link #PASSWORD_MARGIN}, saved if renewed. */
    public Optional<SavedLogin> withFreshPassword(String host, Instant now) {
        Optional<SavedLogin> saved = store.find(host);
        if (saved.isEmpty()) {
            return Optional.empty();
        }
        SavedLogin login = saved.get();
        if (login.currentPassword().filter(p -> p.validFor(now, PASSWORD_MARGIN)).isPresent()) {
            return saved;
        }
        if (login.origin() == SavedLogin.Origin.STORED) {
            return saved;
        }
        SavedLogin renewed = withAwsCredentials(login, now);
        CredentialSource credentials = awsCredentials(renewed);
        SavedLogin.Password password = RegistryPasswords.fetch(target(renewed), credentials.provider());
        SavedLogin updated = renewed.withPassword(password);
        store.save(host, updated);
        return Optional.of(updated);
    }

    /**
     * AWS credentials for API calls to {@code registry} when the environment has none of its own: the saved role
     * session (renewed as above), else empty.
     */
    public Optional<CredentialSource> sessionFor(RegistryEndpoint registry, Instant now) {
        Optional<SavedLogin> saved = store.find(registry.host());
        if (saved.isEmpty() || saved.get().origin() != SavedLogin.Origin.WEB_IDENTITY) {
            return Optional.empty();
        }
        SavedLogin login = withAwsCredentials(saved.get(), now);
        if (login != saved.get()) {
            store.save(registry.host(), login);
        }
        return Optional.of(awsCredentials(login));
    }

    /** The login with a role session valid for a minute more, assumed again when needed and possible. */
    private SavedLogin withAwsCredentials(SavedLogin login, Instant now) {
        if (login.origin() != SavedLogin.Origin.WEB_IDENTITY
                || login.currentSession().filter(s -> s.validFor(now, SESSION_MARGIN)).isPresent()) {
            return login;
        }
        TokenSources sources = TokenSources.standard(Optional.ofNullable(login.tokenFile()).map(Path::of),
                Optional.ofNullable(login.tokenVariable()).orElse(TokenSources.DEFAULT_TOKEN_VARIABLE));
        String audience = Optional.ofNullable(login.audience()).orElse(LoginCommand.DEFAULT_AUDIENCE);
        TokenSources.Found token = sources.find(env, audience).orElseThrow(() -> new CliException(
                ExitCode.NO_CREDENTIALS, "the session of role " + login.roleArn() + " for " + login.registry()
                        + " expired at " + login.currentSession().map(s -> s.expiration().toString()).orElse("?")
                        + " and no OIDC token is at hand to renew it: run berth login again"));
        RoleAssumption.Assumed assumed = RoleAssumption.assume(target(login), login.roleArn(),
                Optional.ofNullable(login.sessionName()).orElse(SESSION_NAME),
                login.durationSeconds() == null ? null : Duration.ofSeconds(login.durationSeconds()), token, now);
        return login.withSession(assumed.session());
    }

    /** A role session as SDK credentials. */
    static CredentialSource of(SavedLogin.Session session, String description) {
        return new CredentialSource(AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(),
                session.sessionToken()), description);
    }

    private CredentialSource awsCredentials(SavedLogin login) {
        if (login.origin() == SavedLogin.Origin.WEB_IDENTITY) {
            return of(login.currentSession().orElseThrow(), "the session of role " + login.roleArn()
                    + " saved by berth login");
        }
        StaticCredentialChain chain = new StaticCredentialChain(env);
        return chain.fromVariables().or(chain::fromProfile).orElseThrow(() -> new CliException(
                ExitCode.NO_CREDENTIALS, "the registry password for " + login.registry() + " expired and no AWS "
                        + "credentials are at hand to renew it; tried " + String.join(", ", chain.triedSources())));
    }

    private static AwsTarget target(SavedLogin login) {
        return new AwsTarget(RegistryEndpoint.parse(login.registry()),
                Region.of(Optional.ofNullable(login.region()).orElse("us-east-1")));
    }
}
