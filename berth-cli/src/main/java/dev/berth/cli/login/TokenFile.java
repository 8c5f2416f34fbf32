package dev.berth.cli.login;

import dev.berth.cli.CliException;
import dev.berth.cli.Environment;
import dev.berth.cli.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A token in a file: {@code --web-identity-token-file}, or {@code AWS_WEB_IDENTITY_TOKEN_FILE} as EKS, GitLab
 * setups and the AWS SDKs use it. The file is read on every fetch, since its owner may rotate it.
 */
public record TokenFile(Optional<Path> explicit) implements TokenSource {

    @Override
    public String name() {
        return explicit.map(p -> "--web-identity-token-file " + p).orElse("AWS_WEB_IDENTITY_TOKEN_FILE");
    }

    @Override
    public Optional<WebIdentityToken> fetch(Environment env, String audience) {
        Optional<Path> file = explicit.or(() -> env.variable("AWS_WEB_IDENTITY_TOKEN_FILE").map(Path::of));
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            String token = Files.readString(file.get(), StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new CliException(ExitCode.NO_CREDENTIALS, "the token file " + file.get() + " (" + name()
                        + ") is empty");
            }
            return Optional.of(WebIdentityToken.of(token));
        } catch (IOException e) {
            throw new CliException(ExitCode.NO_CREDENTIALS, "cannot read the token file " + file.get() + " ("
                    + name() + "): " + e.getMessage(), e);
        }
    }
}
