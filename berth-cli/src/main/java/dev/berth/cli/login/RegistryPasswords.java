package dev.berth.cli.login;

import dev.berth.cli.CliException;
import dev.berth.cli.ExitCode;
import dev.berth.cli.aws.AwsTarget;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;

/** ECR {@code GetAuthorizationToken}: the registry login ({@code AWS} and a password valid up to 12 hours). */
public final class RegistryPasswords {
    private RegistryPasswords() {
    }

    public static SavedLogin.Password fetch(AwsTarget target, AwsCredentialsProvider credentials) {
        try (EcrClient ecr = target.ecr(credentials)) {
            AuthorizationData data = ecr.getAuthorizationToken(b -> {}).authorizationData().stream().findFirst()
                    .orElseThrow(() -> new CliException(ExitCode.UNREACHABLE,
                            "GetAuthorizationToken answered no authorization data"));
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new CliException(ExitCode.UNREACHABLE, "GetAuthorizationToken answered a token that is not "
                        + "base64", e);
            }
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw new CliException(ExitCode.UNREACHABLE, "GetAuthorizationToken answered a token that is not "
                        + "user:password");
            }
            return new SavedLogin.Password(decoded.substring(0, colon), decoded.substring(colon + 1),
                    data.expiresAt());
        }
    }
}
