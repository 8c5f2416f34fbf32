package dev.berth.cli.dockerconfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void storesInlineCredentialsOwnerOnlyAndKeepsUnknownKeys() throws Exception {
        Path file = dir.resolve("docker/config.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                {"auths": {"ghcr.io": {"auth": "dXNlcjpwYXNz"}}, "psFormat": "table {{.ID}}",
                 "credHelpers": {"gcr.io": "gcloud"}}""");
        DockerConfig config = DockerConfig.at(file);

        config.storeInline("127.0.0.1:5000", new RegistryCredentials("AWS", "pa:ss"));

        assertThat(config.inlineCredentials("127.0.0.1:5000")).contains(new RegistryCredentials("AWS", "pa:ss"));
        assertThat(config.inlineCredentials("ghcr.io")).contains(new RegistryCredentials("user", "pass"));
        JsonNode root = JSON.readTree(file.toFile());
        assertThat(root.path("psFormat").asText()).isEqualTo("table {{.ID}}");
        assertThat(root.path("credHelpers").path("gcr.io").asText()).isEqualTo("gcloud");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aHelperReplacesInlineCredentialsAndWinsOverCredsStore() {
        DockerConfig config = DockerConfig.at(dir.resolve("config.json"));
        assertThat(config.credentialHelper("berth.example")).isEmpty();
        config.storeInline("berth.example", new RegistryCredentials("AWS", "secret"));

        config.useCredentialHelper("berth.example", "berth");

        assertThat(config.inlineCredentials("berth.example")).isEmpty();
        assertThat(config.credentialHelper("berth.example")).contains("berth");
        assertThat(config.credentialHelper("other.example")).isEmpty();
    }

    @Test
    void credsStoreAppliesToEveryRegistryWithoutItsOwnHelper() throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"credsStore\": \"desktop\", \"credHelpers\": {\"berth.example\": \"berth\"}}");
        DockerConfig config = DockerConfig.at(file);
        assertThat(config.credentialHelper("berth.example")).contains("berth");
        assertThat(config.credentialHelper("docker.io")).contains("desktop");
    }

    @Test
    void removeInlineSaysWhetherThereWasAnything() {
        DockerConfig config = DockerConfig.at(dir.resolve("config.json"));
        assertThat(config.removeInline("berth.example")).isFalse();
        config.storeInline("berth.example", new RegistryCredentials("AWS", "secret"));
        assertThat(config.removeInline("berth.example")).isTrue();
        assertThat(config.inlineCredentials("berth.example")).isEmpty();
    }

    @Test
    void registryKeysWithSlashesAreStoredLiterally() throws Exception {
        DockerConfig config = DockerConfig.at(dir.resolve("config.json"));
        config.storeInline("https://index.docker.io/v1/", new RegistryCredentials("u", "p"));
        assertThat(JSON.readTree(dir.resolve("config.json").toFile()).path("auths").has("https://index.docker.io/v1/"))
                .isTrue();
        assertThat(config.inlineCredentials("https://index.docker.io/v1/")).contains(new RegistryCredentials("u", "p"));
    }

    @Test
    void secretsNeverAppearInToString() {
        assertThat(new RegistryCredentials("AWS", "s3cr3t").toString()).doesNotContain("s3cr3t");
    }
}
