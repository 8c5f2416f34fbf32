package dev.berth.cli.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.cli.CliException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegistryEndpointTest {

    @ParameterizedTest
    @CsvSource({
            "https://berth.example.internal, https://berth.example.internal, berth.example.internal",
            "https://Berth.Example:8443/, https://berth.example:8443, berth.example:8443",
            "http://127.0.0.1:5000, http://127.0.0.1:5000, 127.0.0.1:5000",
            "127.0.0.1:5000, http://127.0.0.1:5000, 127.0.0.1:5000",
            "localhost:5000, http://localhost:5000, localhost:5000",
            "berth.example.internal, https://berth.example.internal, berth.example.internal",
            "berth.example.internal:5000, https://berth.example.internal:5000, berth.example.internal:5000"})
    void bareHostsAreHttpsExceptOnLoopback(String text, String url, String host) {
        RegistryEndpoint endpoint = RegistryEndpoint.parse(text);
        assertThat(endpoint.url()).hasToString(url);
        assertThat(endpoint.host()).isEqualTo(host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://berth.example", "https://berth.example/v2", "https://", "http://a b"})
    void rejectsWhatIsNotARegistryUrl(String text) {
        assertThatThrownBy(() -> RegistryEndpoint.parse(text)).isInstanceOf(CliException.class)
                .hasMessageContaining("--registry");
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1:5000, 127.0.0.1:5000", "https://berth.example/v2/, berth.example",
            "http://127.0.0.1:5000, 127.0.0.1:5000", "' Berth.Example:443 ', berth.example:443"})
    void hostKeyIsWhatDockerKeysCredentialsBy(String serverUrl, String key) {
        assertThat(RegistryEndpoint.hostKey(serverUrl)).isEqualTo(key);
    }
}
