package dev.berth.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IssuerUrlTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "https://token.actions.githubusercontent.com        | token.actions.githubusercontent.com",
        "https://token.actions.githubusercontent.com/       | token.actions.githubusercontent.com",
        "https://token.actions.githubusercontent.com/acme   | token.actions.githubusercontent.com/acme",
        "https://gitlab.example.com:8443/oidc               | gitlab.example.com:8443/oidc",
        "http://127.0.0.1:8080                              | 127.0.0.1:8080",
        "http://127.45.0.9/issuer                           | 127.45.0.9/issuer",
        "http://localhost:9000                              | localhost:9000",
        "http://LOCALHOST                                   | LOCALHOST",
        "http://[::1]:9000/x                                | [::1]:9000/x",
    })
    void accepted(String url, String providerUrl) {
        IssuerUrl issuer = IssuerUrl.parse(url);
        assertThat(issuer.providerUrl()).isEqualTo(providerUrl);
        assertThat(issuer.toString()).isEqualTo(url);
        assertThat(issuer.discoveryUri().toString()).endsWith("/.well-known/openid-configuration")
                .doesNotContain("//.well-known");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
        "http://token.actions.githubusercontent.com",
        "http://10.0.0.1",
        "http://192.168.1.1:8080",
        "http://127.0.0.1.nip.io",
        "http://localhost.example.com",
        "http://128.0.0.1",
        "http://[::2]",
        "ftp://token.example.com",
        "token.actions.githubusercontent.com",
        "https://",
        "https://user@token.example.com",
        "https://token.example.com?x=1",
        "https://token.example.com#frag",
        "https://token example.com",
        "",
    })
    void refused(String url) {
        assertThatThrownBy(() -> IssuerUrl.parse(url)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://www.googleapis.com/oauth2/v3/certs?x=1", "http://127.0.0.1:1/jwks"})
    void jwksUrisMayHaveAQuery(String uri) {
        IssuerUrl.check(URI.create(uri), false);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://keys.example.com/jwks", "file:///etc/passwd", "jar:file:/x!/y"})
    void jwksUrisFollowTheSchemeRules(String uri) {
        assertThatThrownBy(() -> IssuerUrl.check(URI.create(uri), false)).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void tooLong() {
        assertThatThrownBy(() -> IssuerUrl.parse("https://x.example.com/" + "a".repeat(240)))
                .hasMessageContaining("255");
    }
}
