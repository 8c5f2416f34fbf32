package dev.berth.cli.login;

import dev.berth.cli.ClientCommand;
import dev.berth.cli.CliException;
import dev.berth.cli.Environment;
import dev.berth.cli.ExitCode;
import dev.berth.cli.aws.AwsTarget;
import dev.berth.cli.aws.CredentialSource;
import dev.berth.cli.aws.StaticCredentialChain;
import dev.berth.cli.dockerconfig.DockerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth login}: AWS credentials (a role assumed with the CI's OIDC token, or the static chain on a laptop) →
 * ECR {@code GetAuthorizationToken} → the docker config, inline or through the {@code berth} credential helper. The
 * login is also saved (see {@link LoginStore}) for the helper's renewals and for the other berth commands. Prints
 * the registry, the identity and the expiry; never a secret.
 */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = "Log in to a Berth registry with a CI's OIDC token (--role-arn) or your AWS credentials.")
public final class LoginCommand extends ClientCommand {
    public static final String DEFAULT_AUDIENCE = "sts.amazonaws.com";
    public static final String HELPER_NAME = "berth";

    @Option(names = "--role-arn", description = "the role to assume with the CI's OIDC token (default AWS_ROLE_ARN);"
            + " without it, the AWS credentials of the environment or ~/.aws are used")
    String roleArn;

    @Option(names = "--registry", description = "the registry URL (default BERTH_REGISTRY, AWS_ENDPOINT_URL_ECR)")
    String registry;

    @Option(names = "--region", description = "the region to sign with (default AWS_REGION, us-east-1)")
    String region;

    @Option(names = "--audience", defaultValue = DEFAULT_AUDIENCE,
            description = "the audience to ask GitHub's token service for (default ${DEFAULT-VALUE})")
    String audience;

    @Option(names = "--config", description = "the docker config file (default $DOCKER_CONFIG/config.json, "
            + "~/.docker/config.json)")
    Path config;

    @Option(names = "--web-identity-token-file", description = "read the OIDC token from this file "
            + "(default AWS_WEB_IDENTITY_TOKEN_FILE, tried last)")
    Path tokenFile;

    @Option(names = "--id-token-env", defaultValue = TokenSources.DEFAULT_TOKEN_VARIABLE,
            description = "the variable holding a GitLab CI id_token (default ${DEFAULT-VALUE})")
    String tokenVariable;

    @Option(names = "--session-name", defaultValue = SavedCredentials.SESSION_NAME,
            description = "the role session name (default ${DEFAULT-VALUE})")
    String sessionName;

    @Option(names = "--duration", description = "the role session's duration: 3600, 15m, 1h (default: the "
            + "registry's, one hour)")
    String duration;

    @Option(names = "--credential-helper", description = "route the registry to docker-credential-berth in the "
            + "docker config instead of writing the password into it")
    boolean credentialHelper;

    private final Clock clock;

    public LoginCommand(Environment env, Clock clock) {
        super(env);
        this.clock = clock;
    }

    /** The AWS side of a login: what to save, the credentials to ask for a password with, who they are. */
    private record Credentials(SavedLogin login, CredentialSource source, String identity) {}

    @Override
    protected ExitCode execute() {
        AwsTarget target = AwsTarget.resolve(env, registry, region);
        Optional<String> role = Optional.ofNullable(roleArn).filter(s -> !s.isBlank())
                .or(() -> env.variable("AWS_ROLE_ARN"));
        Credentials credentials = role.isPresent() ? assumeRole(target, role.get()) : staticChain(target);
        SavedLogin.Password password = RegistryPasswords.fetch(target, credentials.source().provider());
        String host = target.registry().host();
        new LoginStore(env.berthConfigDir()).save(host, credentials.login().withPassword(password));

        DockerConfig docker = DockerConfig.at(config != null ? config : env.dockerConfigFile());
        String stored;
        if (credentialHelper) {
            docker.useCredentialHelper(host, HELPER_NAME);
            stored = "credHelpers (docker-credential-" + HELPER_NAME + ", renewed on use)";
        } else {
            docker.storeInline(host, password.credentials());
            stored = "auths";
        }
        env.out().println("Logged in to " + host + " (" + target.registry() + ")");
        env.out().println("  as       " + credentials.identity());
        env.out().println("  password valid until " + (password.expiresAt() == null ? "(no expiry given)"
                : password.expiresAt().truncatedTo(ChronoUnit.SECONDS)) + ", in " + docker.file() + " " + stored);
        return ExitCode.OK;
    }

    private Credentials assumeRole(AwsTarget target, String role) {
        Duration sessionDuration = duration == null ? null : SessionDuration.parse(duration);
        TokenSources.Found token = TokenSources.standard(Optional.ofNullable(tokenFile), tokenVariable)
                .require(env, audience);
        RoleAssumption.Assumed assumed = RoleAssumption.assume(target, role, sessionName, sessionDuration, token,
                clock.instant());
        SavedLogin.Session session = assumed.session();
        SavedLogin login = new SavedLogin(target.registry().toString(), target.region().id(),
                SavedLogin.Origin.WEB_IDENTITY, role, sessionName, audience, tokenVariable,
                tokenFile == null ? null : tokenFile.toAbsolutePath().toString(),
                sessionDuration == null ? null : (int) sessionDuration.toSeconds(), session, null);
        return new Credentials(login, SavedCredentials.of(session, "the session of role " + role),
                assumed.assumedRoleArn() + " (token from " + token.source().name() + ", session until "
                        + session.expiration() + ")");
    }

    private Credentials staticChain(AwsTarget target) {
        StaticCredentialChain chain = new StaticCredentialChain(env);
        CredentialSource source = chain.fromVariables().or(chain::fromProfile).orElseThrow(() -> new CliException(
                ExitCode.NO_CREDENTIALS, "no --role-arn and no AWS credentials; tried "
                        + String.join(", ", chain.triedSources()) + ". In CI pass --role-arn (the job's OIDC "
                        + "token is then used); on a laptop run 'aws configure' with your Berth access key"));
        SavedLogin login = new SavedLogin(target.registry().toString(), target.region().id(),
                SavedLogin.Origin.STATIC_CHAIN, null, null, null, null, null, null, null, null);
        return new Credentials(login, source, "AWS credentials from " + source.description() + " (key "
                + source.credentials().accessKeyId() + ")");
    }
}
