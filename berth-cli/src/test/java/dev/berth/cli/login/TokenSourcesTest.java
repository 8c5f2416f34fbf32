package dev.berth.cli.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.cli.CliException;
import dev.berth.cli.Environment;
import dev.berth.cli.ExitCode;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenSourcesTest {
    static final String TOKEN_A = WebIdentityTokenTest.jwt("{\"sub\":\"a\"}");
    static final String TOKEN_B = WebIdentityTokenTest.jwt("{\"sub\":\"b\"}");

    @TempDir
    Path dir;

    static Environment env(Map<String, String> variables) {
        return new Environment(variables, new ByteArrayInputStream(new byte[0]), new PrintStream(PrintStream.nullOutputStream()),
                new PrintStream(PrintStream.nullOutputStream()));
    }

    @Test
    void anExplicitFileWinsOverTheVariableAndTheVariableOverTheSdkFile() throws Exception {
        Path explicit = Files.writeString(dir.resolve("explicit"), TOKEN_A + "\n");
        Path sdkFile = Files.writeString(dir.resolve("sdk"), TOKEN_B);
        Environment env = env(Map.of("BERTH_ID_TOKEN", TOKEN_B, "AWS_WEB_IDENTITY_TOKEN_FILE", sdkFile.toString()));

        TokenSources.Found withFile = TokenSources.standard(Optional.of(explicit), "BERTH_ID_TOKEN")
                .require(env, "sts.amazonaws.com");
        assertThat(withFile.token().claims().subject()).isEqualTo("a");
        assertThat(withFile.source().name()).contains("--web-identity-token-file");

        TokenSources.Found fromVariable = TokenSources.standard(Optional.empty(), "BERTH_ID_TOKEN")
                .require(env, "sts.amazonaws.com");
        assertThat(fromVariable.source().name()).contains("BERTH_ID_TOKEN");

        TokenSources.Found fromSdkFile = TokenSources.standard(Optional.empty(), "OTHER")
                .require(env, "sts.amazonaws.com");
        assertThat(fromSdkFile.source().name()).isEqualTo("AWS_WEB_IDENTITY_TOKEN_FILE");
        assertThat(fromSdkFile.token().claims().subject()).isEqualTo("b");
    }

    @Test
    void blankVariablesCountAsUnset() {
        assertThat(TokenSources.standard(Optional.empty(), "BERTH_ID_TOKEN")
                .find(env(Map.of("BERTH_ID_TOKEN", "  ", "ACTIONS_ID_TOKEN_REQUEST_URL", "")), "aud")).isEmpty();
    }

    @Test
    void aMissingOrEmptyFileIsAnErrorNamingIt() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> TokenSources.standard(Optional.of(empty), "X").require(env(Map.of()), "aud"))
                .isInstanceOf(CliException.class).hasMessageContaining(empty.toString()).hasMessageContaining("empty");
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> TokenSources.standard(Optional.of(missing), "X").require(env(Map.of()), "aud"))
                .isInstanceOf(CliException.class).hasMessageContaining("cannot read").hasMessageContaining(missing.toString());
    }

    @Test
    void gitHubWithoutItsRequestTokenSaysWhichPermissionIsMissing() {
        assertThatThrownBy(() -> TokenSources.standard(Optional.empty(), "X")
                .require(env(Map.of("ACTIONS_ID_TOKEN_REQUEST_URL", "http://127.0.0.1:1/t?api-version=2.0")), "aud"))
                .isInstanceOf(CliException.class).hasMessageContaining("id-token: write")
                .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(ExitCode.NO_CREDENTIALS));
    }
}
