package dev.berth.cli.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.cli.Environment;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

class StaticCredentialChainTest {
    @TempDir
    Path home;

    Environment env(Map<String, String> variables) {
        Map<String, String> all = new HashMap<>(variables);
        all.put("HOME", home.toString());
        return new Environment(all, new ByteArrayInputStream(new byte[0]),
                new PrintStream(PrintStream.nullOutputStream()), new PrintStream(PrintStream.nullOutputStream()));
    }

    @Test
    void variablesWithASessionToken() {
        CredentialSource source = new StaticCredentialChain(env(Map.of("AWS_ACCESS_KEY_ID", "ASIAX",
                "AWS_SECRET_ACCESS_KEY", "secret", "AWS_SESSION_TOKEN", "token"))).fromVariables().orElseThrow();
        assertThat(source.credentials()).isInstanceOf(AwsSessionCredentials.class);
        assertThat(source.credentials().accessKeyId()).isEqualTo("ASIAX");
        assertThat(source.toString()).doesNotContain("secret");
    }

    @Test
    void aKeyWithoutItsSecretIsNoCredentials() {
        assertThat(new StaticCredentialChain(env(Map.of("AWS_ACCESS_KEY_ID", "AKIAX"))).fromVariables()).isEmpty();
    }

    @Test
    void profilesFromTheCredentialsAndTheConfigFile() throws Exception {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"), "[default]\naws_access_key_id = AKIADEFAULT\n"
                + "aws_secret_access_key = s1\n");
        Files.writeString(home.resolve(".aws/config"), "[profile dev]\naws_access_key_id = AKIADEV\n"
                + "aws_secret_access_key = s2\n[profile sso]\nsso_start_url = https://example\n");

        assertThat(new StaticCredentialChain(env(Map.of())).fromProfile().orElseThrow().credentials().accessKeyId())
                .isEqualTo("AKIADEFAULT");
        CredentialSource dev = new StaticCredentialChain(env(Map.of("AWS_PROFILE", "dev"))).fromProfile().orElseThrow();
        assertThat(dev.credentials().accessKeyId()).isEqualTo("AKIADEV");
        assertThat(dev.description()).isEqualTo("profile dev");
        assertThat(new StaticCredentialChain(env(Map.of("AWS_PROFILE", "sso"))).fromProfile()).isEmpty();
        assertThat(new StaticCredentialChain(env(Map.of("AWS_PROFILE", "sso"))).triedSources())
                .anySatisfy(s -> assertThat(s).contains("profile sso").contains(home.resolve(".aws/credentials").toString()));
    }

    @Test
    void anotherCredentialsFileByVariable() throws Exception {
        Path file = Files.writeString(home.resolve("creds"), "[default]\naws_access_key_id = AKIAFILE\n"
                + "aws_secret_access_key = s\n");
        assertThat(new StaticCredentialChain(env(Map.of("AWS_SHARED_CREDENTIALS_FILE", file.toString())))
                .fromProfile().orElseThrow().credentials().accessKeyId()).isEqualTo("AKIAFILE");
    }
}
