package dev.berth.cli;

import dev.berth.server.OidcIssuer;
import dev.berth.server.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What every CLI test against a running server starts from, once per test class: a test OIDC issuer, a
 * GitHub-shaped token service on loopback backed by it, a server, and the account {@link CliFixtures#setUp} builds
 * there (the issuer trusted, the push and pull roles).
 */
abstract class CliAccountServerTest {
    static OidcIssuer issuer;
    static GitHubTokenEndpoint github;
    static TestServer server;
    static CliFixtures.Account account;

    // named apart from the subclasses' own @BeforeAll/@AfterAll so that neither hides the other
    @BeforeAll
    static void startAccountServer() {
        issuer = OidcIssuer.start();
        github = GitHubTokenEndpoint.start(issuer);
        server = TestServer.start();
        account = CliFixtures.setUp(server, issuer);
    }

    @AfterAll
    static void stopAccountServer() throws Exception {
        server.close();
        github.close();
        issuer.close();
    }

    /** The server's {@code host:port}, as docker configs and image references name the registry. */
    static String host() {
        return server.url().substring("http://".length());
    }
}
