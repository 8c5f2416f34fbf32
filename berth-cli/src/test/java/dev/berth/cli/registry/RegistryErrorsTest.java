package dev.berth.cli.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryErrorsTest {
    private static final AuthContext WITH = new AuthContext("reg.example:5000", "/home/ci/.docker/config.json", true);
    private static final AuthContext WITHOUT = new AuthContext("reg.example:5000", "/home/ci/.docker/config.json", false);

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            401 | UNAUTHORIZED       | true  | AUTHENTICATION | refused the credentials (HTTP 401, UNAUTHORIZED: the message). Check the credentials for reg.example:5000 in /home/ci/.docker/config.json
            401 | UNAUTHORIZED       | false | AUTHENTICATION | No credentials for reg.example:5000 in /home/ci/.docker/config.json: log in first with `berth login
            403 | DENIED             | true  | DENIED         | access denied by reg.example:5000 (HTTP 403, DENIED: the message). The credentials are valid but not allowed this
            404 | MANIFEST_UNKNOWN   | true  | NOT_FOUND      | no such image at reg.example:5000
            404 | NAME_UNKNOWN       | true  | NOT_FOUND      | the repository does not exist at reg.example:5000
            400 | MANIFEST_INVALID   | true  | INVALID        | rejected the request (HTTP 400, MANIFEST_INVALID: the message)
            400 | DIGEST_INVALID     | true  | INVALID        | rejected the request (HTTP 400, DIGEST_INVALID: the message)
            503 | UNAVAILABLE        | true  | SERVER         | failed (HTTP 503, UNAVAILABLE: the message); try again later
            """)
    void messagesSayWhatToDoNext(int status, String code, boolean hadCredentials, RegistryException.Kind kind,
            String expected) {
        byte[] body = ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"the message\",\"detail\":{}}]}")
                .getBytes(StandardCharsets.UTF_8);
        RegistryException e = RegistryErrors.failure(status, body, "push team/app:1", hadCredentials ? WITH : WITHOUT);
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.getMessage()).startsWith("cannot push team/app:1: ").contains(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            <html>bad gateway</html> | 502 | cannot pull x: reg.example:5000 failed (HTTP 502); try again later
            ''                       | 404 | cannot pull x: not found at reg.example:5000 (HTTP 404)
            """)
    void bodiesThatAreNotTheErrorEnvelopeShowTheStatusOnly(String body, int status, String expected) {
        assertThat(RegistryErrors.failure(status, body.getBytes(StandardCharsets.UTF_8), "pull x", WITH).getMessage())
                .isEqualTo(expected);
    }
}
