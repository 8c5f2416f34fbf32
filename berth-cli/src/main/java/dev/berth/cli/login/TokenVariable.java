package dev.berth.cli.login;

import dev.berth.cli.Environment;
import java.util.Optional;

/**
 * A token in an environment variable, the way GitLab CI hands it out: the job declares
 * {@code id_tokens: {BERTH_ID_TOKEN: {aud: sts.amazonaws.com}}} and GitLab sets that variable. The audience is fixed
 * by the job's declaration, not by this command.
 */
public record TokenVariable(String variable) implements TokenSource {

    @Override
    public String name() {
        return "the variable " + variable + " (GitLab CI id_tokens)";
    }

    @Override
    public Optional<WebIdentityToken> fetch(Environment env, String audience) {
        return env.variable(variable).map(WebIdentityToken::of);
    }
}
