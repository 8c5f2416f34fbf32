package dev.berth.cli.login;

import dev.berth.cli.CliException;
import dev.berth.cli.Environment;
import dev.berth.cli.ExitCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The token sources in the order {@code berth login} tries them: an explicit {@code --web-identity-token-file}, the
 * GitLab-style variable ({@code --id-token-env}, default {@code BERTH_ID_TOKEN}), GitHub Actions' token service, and
 * {@code AWS_WEB_IDENTITY_TOKEN_FILE}. The first one set up in the environment wins.
 */
public record TokenSources(List<TokenSource> sources) {
    public static final String DEFAULT_TOKEN_VARIABLE = "BERTH_ID_TOKEN";

    public TokenSources {
        sources = List.copyOf(sources);
    }

    public static TokenSources standard(Optional<Path> tokenFile, String tokenVariable) {
        List<TokenSource> sources = new ArrayList<>();
        tokenFile.ifPresent(file -> sources.add(new TokenFile(Optional.of(file))));
        sources.add(new TokenVariable(tokenVariable));
        sources.add(new GitHubActionsToken());
        if (tokenFile.isEmpty()) {
            sources.add(new TokenFile(Optional.empty()));
        }
        return new TokenSources(sources);
    }

    /** A token and where it came from. */
    public record Found(WebIdentityToken token, TokenSource source) {}

    /** The first source's token, if any source is set up. */
    public Optional<Found> find(Environment env, String audience) {
        for (TokenSource source : sources) {
            Optional<WebIdentityToken> token = source.fetch(env, audience);
            if (token.isPresent()) {
                return Optional.of(new Found(token.get(), source));
            }
        }
        return Optional.empty();
    }

    /** Like {@link #find}, but a missing token is an error that lists every source tried. */
    public Found require(Environment env, String audience) {
        return find(env, audience).orElseThrow(() -> new CliException(ExitCode.NO_CREDENTIALS,
                "no OIDC token found for --role-arn; tried: " + String.join("; ", sources.stream()
                        .map(TokenSource::name).toList()) + ". On GitHub give the job 'permissions: id-token: write';"
                        + " on GitLab declare 'id_tokens: {" + DEFAULT_TOKEN_VARIABLE
                        + ": {aud: sts.amazonaws.com}}'; elsewhere pass --web-identity-token-file"));
    }
}
