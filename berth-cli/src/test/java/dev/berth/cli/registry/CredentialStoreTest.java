package dev.berth.cli.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.cli.dockerconfig.DockerConfig;
import dev.berth.cli.dockerconfig.RegistryCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials as docker finds them: inline first, then the helper over its stdin/stdout protocol. */
class CredentialStoreTest {
    @TempDir
    Path tmp;

    /** A helper that knows one server URL (read from stdin) and says "not found" for any other. */
    private Path helper() throws IOException {
        Path script = tmp.resolve("docker-credential-fake");
        Files.writeString(script, """
                #!/bin/sh
                [ "$1" = get ] || exit 2
                read -r url
                if [ "$url" = "helped.example:5000" ]; then
                  printf '{"ServerURL":"%s","Username":"robot","Secret":"s3cret"}' "$url"
                else
                  echo "credentials not found in native keychain"; exit 1
                fi
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private CredentialStore store(String configJson) throws IOException {
        Path config = tmp.resolve("config.json");
        Files.writeString(config, configJson);
        Path script = helper();
        return new CredentialStore(DockerConfig.at(config), name -> name.equals("fake")
                ? List.of(script.toString(), "get") : List.of(tmp.resolve("docker-credential-" + name).toString(), "get"));
    }

    @Test
    void inlineCredentialsWinOverTheHelper() throws IOException {
        CredentialStore store = store("{\"auths\":{\"helped.example:5000\":{\"auth\":\"dTpw\"}},\"credsStore\":\"fake\"}");
        assertThat(store.lookup("helped.example:5000")).contains(new RegistryCredentials("u", "p"));
    }

    @Test
    void theHelperAnswersOverItsProtocol() throws IOException {
        CredentialStore store = store("{\"credHelpers\":{\"helped.example:5000\":\"fake\"}}");
        assertThat(store.lookup("helped.example:5000")).contains(new RegistryCredentials("robot", "s3cret"));
    }

    @Test
    void aHelperWithoutCredentialsMeansAnonymous() throws IOException {
        CredentialStore store = store("{\"credsStore\":\"fake\"}");
        assertThat(store.lookup("other.example")).isEmpty();
    }

    @Test
    void aMissingHelperIsAnErrorThatNamesIt() throws IOException {
        CredentialStore store = store("{\"credsStore\":\"absent\"}");
        assertThatThrownBy(() -> store.lookup("x.example")).isInstanceOf(RegistryException.class)
                .hasMessageContaining("docker-credential-absent").hasMessageContaining("could not be run");
    }

    @Test
    void noConfigAtAllMeansAnonymous() {
        assertThat(new CredentialStore(DockerConfig.at(tmp.resolve("none.json"))).lookup("x.example")).isEmpty();
    }
}
