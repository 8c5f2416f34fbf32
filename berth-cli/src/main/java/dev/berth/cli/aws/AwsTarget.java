package dev.berth.cli.aws;

import dev.berth.cli.CliException;
import dev.berth.cli.Environment;
import dev.berth.cli.ExitCode;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The registry and region the AWS calls of one command go to, and the factory of its SDK clients: endpoint
 * overridden to the registry, the JDK's HTTP client, SDK retries limited to the standard strategy (which retries
 * throttling and {@code IDPCommunicationError}, not refusals).
 */
public record AwsTarget(RegistryEndpoint registry, Region region) {
    static final Duration API_TIMEOUT = Duration.ofSeconds(60);

    /**
     * {@code --registry}, else {@code BERTH_REGISTRY}, else {@code AWS_ENDPOINT_URL_ECR} (what the ECR actions are
     * pointed at); {@code --region}, else {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, {@code us-east-1}.
     */
    public static AwsTarget resolve(Environment env, String registryOption, String regionOption) {
        String registry = Optional.ofNullable(registryOption).filter(s -> !s.isBlank())
                .or(() -> env.variable("BERTH_REGISTRY"))
                .or(() -> env.variable("AWS_ENDPOINT_URL_ECR"))
                .orElseThrow(() -> new CliException(ExitCode.USAGE,
                        "which registry? Pass --registry URL or set BERTH_REGISTRY (e.g. https://berth.example.internal)"));
        String region = Optional.ofNullable(regionOption).filter(s -> !s.isBlank())
                .or(() -> env.variable("AWS_REGION"))
                .or(() -> env.variable("AWS_DEFAULT_REGION"))
                .orElse("us-east-1");
        return new AwsTarget(RegistryEndpoint.parse(registry), Region.of(region));
    }

    /** An STS client that signs nothing: {@code AssumeRoleWithWebIdentity} is how a job without credentials starts. */
    public StsClient unsignedSts() {
        return sts(AnonymousCredentialsProvider.create());
    }

    public StsClient sts(AwsCredentialsProvider credentials) {
        return StsClient.builder().endpointOverride(registry.url()).region(region).credentialsProvider(credentials)
                .httpClientBuilder(http()).overrideConfiguration(overrides()).build();
    }

    public EcrClient ecr(AwsCredentialsProvider credentials) {
        return EcrClient.builder().endpointOverride(registry.url()).region(region).credentialsProvider(credentials)
                .httpClientBuilder(http()).overrideConfiguration(overrides()).build();
    }

    private static UrlConnectionHttpClient.Builder http() {
        return UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(API_TIMEOUT);
    }

    private static ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder().apiCallTimeout(API_TIMEOUT)
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy()).build();
    }
}
