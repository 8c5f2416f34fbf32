package dev.berth.cli.login;

import dev.berth.cli.Environment;
import java.util.Optional;

/**
 * One place a CI job's OIDC token can come from. {@link #fetch} returns empty when this source is not set up in the
 * environment at all, and throws a {@link dev.berth.cli.CliException} when it is set up but fails (an unreadable
 * file, a token endpoint that refuses).
 */
public interface TokenSource {
    /** How the source is named in messages: "GitHub Actions (ACTIONS_ID_TOKEN_REQUEST_URL)". */
    String name();

    Optional<WebIdentityToken> fetch(Environment env, String audience);
}
