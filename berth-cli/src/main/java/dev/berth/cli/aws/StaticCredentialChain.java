package dev.berth.cli.aws;

import dev.berth.cli.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * The part of the AWS SDKs' default credential chain a laptop or a CI with stored keys uses, read from the
 * command's {@link Environment} rather than the JVM's: {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY}
 * (/ {@code AWS_SESSION_TOKEN}), then the static keys of profile {@code AWS_PROFILE} (default {@code default}) in
 * {@code AWS_SHARED_CREDENTIALS_FILE} ({@code ~/.aws/credentials}) and {@code AWS_CONFIG_FILE}
 * ({@code ~/.aws/config}). Profiles that assume roles, SSO and instance metadata are not followed: they would send
 * calls to AWS itself, not to Berth.
 */
public final class StaticCredentialChain {
    private final Environment env;

    public StaticCredentialChain(Environment env) {
        this.env = env;
    }

    public Optional<CredentialSource> fromVariables() {
        Optional<String> id = env.variable("AWS_ACCESS_KEY_ID");
        Optional<String> secret = env.variable("AWS_SECRET_ACCESS_KEY");
        if (id.isEmpty() || secret.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> token = env.variable("AWS_SESSION_TOKEN");
        AwsCredentials credentials = token.<AwsCredentials>map(t -> AwsSessionCredentials.create(id.get(),
                secret.get(), t)).orElseGet(() -> AwsBasicCredentials.create(id.get(), secret.get()));
        return Optional.of(new CredentialSource(credentials, "environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY"));
    }

    public Optional<CredentialSource> fromProfile() {
        String name = profileName();
        List<ProfileFile> files = new ArrayList<>();
        if (Files.isRegularFile(credentialsFile())) {
            files.add(ProfileFile.builder().content(credentialsFile()).type(ProfileFile.Type.CREDENTIALS).build());
        }
        if (Files.isRegularFile(configFile())) {
            files.add(ProfileFile.builder().content(configFile()).type(ProfileFile.Type.CONFIGURATION).build());
        }
        for (ProfileFile file : files) {
            Optional<Profile> profile = file.profile(name);
            Optional<String> id = profile.flatMap(p -> p.property(ProfileProperty.AWS_ACCESS_KEY_ID));
            Optional<String> secret = profile.flatMap(p -> p.property(ProfileProperty.AWS_SECRET_ACCESS_KEY));
            if (id.isPresent() && secret.isPresent()) {
                Optional<String> token = profile.flatMap(p -> p.property(ProfileProperty.AWS_SESSION_TOKEN));
                AwsCredentials credentials = token.<AwsCredentials>map(t -> AwsSessionCredentials.create(id.get(),
                        secret.get(), t)).orElseGet(() -> AwsBasicCredentials.create(id.get(), secret.get()));
                return Optional.of(new CredentialSource(credentials, "profile " + name));
            }
        }
        return Optional.empty();
    }

    /** What {@link #fromVariables()} and {@link #fromProfile()} look at, for a "nothing found" message. */
    public List<String> triedSources() {
        return List.of("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
                "profile " + profileName() + " in " + credentialsFile() + " and " + configFile());
    }

    private String profileName() {
        return env.variable("AWS_PROFILE").orElse("default");
    }

    private Path credentialsFile() {
        return env.variable("AWS_SHARED_CREDENTIALS_FILE").map(Path::of)
                .orElseGet(() -> env.home().resolve(".aws").resolve("credentials"));
    }

    private Path configFile() {
        return env.variable("AWS_CONFIG_FILE").map(Path::of)
                .orElseGet(() -> env.home().resolve(".aws").resolve("config"));
    }
}
