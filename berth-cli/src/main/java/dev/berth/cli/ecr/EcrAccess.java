package dev.berth.cli.ecr;

import dev.berth.cli.CliException;
import dev.berth.cli.Environment;
import dev.berth.cli.ExitCode;
import dev.berth.cli.aws.AwsTarget;
import dev.berth.cli.aws.CredentialSource;
import dev.berth.cli.aws.StaticCredentialChain;
import dev.berth.cli.login.SavedCredentials;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * An ECR client for one command, with the credentials found in this order: {@code AWS_ACCESS_KEY_ID} and friends,
 * the role session {@code berth login --role-arn} saved for this registry (renewed while a token is at hand), the
 * profile in {@code ~/.aws}. Environment variables come first because setting them is an explicit choice for this
 * one shell; the saved session comes before the profile so that a CI job that logged in acts as its role.
 */
public final class EcrAccess {
    private EcrAccess() {
    }

    public static EcrClient open(Environment env, EcrOptions options, Clock clock) {
        AwsTarget target = AwsTarget.resolve(env, options.registry, options.region);
        StaticCredentialChain chain = new StaticCredentialChain(env);
        Optional<CredentialSource> credentials = chain.fromVariables()
                .or(() -> new SavedCredentials(env).sessionFor(target.registry(), clock.instant()))
                .or(chain::fromProfile);
        if (credentials.isEmpty()) {
            List<String> tried = new ArrayList<>(chain.triedSources());
            tried.add(1, "a berth login --role-arn session for " + target.registry().host());
            throw new CliException(ExitCode.NO_CREDENTIALS, "no AWS credentials for " + target.registry()
                    + "; tried " + String.join(", ", tried) + ". Run berth login first");
        }
        return target.ecr(credentials.get().provider());
    }
}
