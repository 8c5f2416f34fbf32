package dev.berth.cli.aws;

import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** AWS credentials and where they came from, said without the secret ("environment variables", "profile dev"). */
public record CredentialSource(AwsCredentials credentials, String description) {
    public CredentialSource {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(description, "description");
    }

    public AwsCredentialsProvider provider() {
        return StaticCredentialsProvider.create(credentials);
    }

    @Override
    public String toString() {
        return "CredentialSource[" + description + ", key " + credentials.accessKeyId() + "]";
    }
}
