package dev.berth.cli.transfer;

import dev.berth.cli.dockerconfig.DockerConfig;
import dev.berth.cli.registry.CredentialStore;
import dev.berth.cli.registry.ImageReference;
import dev.berth.cli.registry.RegistryClient;
import dev.berth.cli.registry.RegistryEndpoint;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every transfer command shares (a picocli mixin). */
public final class TransferOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "the docker config with the registry credentials (default $DOCKER_CONFIG/config.json, "
                    + "else ~/.docker/config.json)")
    Path config;

    @Option(names = {"--plain-http", "--insecure"},
            description = "talk plain HTTP, not HTTPS, to the registries. Automatic for localhost, 127.0.0.1 "
                    + "and [::1]; never send real credentials this way over a network")
    boolean plainHttp;

    @Option(names = {"-j", "--jobs"}, defaultValue = "4", paramLabel = "N",
            description = "blobs transferred at once (default ${DEFAULT-VALUE})")
    int jobs;

    @Option(names = "--chunk-size", defaultValue = "16MiB", paramLabel = "SIZE",
            description = "upload chunk size; a blob up to this size goes in one request, a larger one in "
                    + "resumable chunks (default ${DEFAULT-VALUE})")
    String chunkSize;

    CredentialStore credentials() {
        return new CredentialStore(DockerConfig.at(config != null ? config : DockerConfig.defaultPath()));
    }

    RegistryClient client(ImageReference reference) {
        return new RegistryClient(RegistryEndpoint.of(reference.registry(), plainHttp), credentials());
    }

    long chunkBytes() {
        return Sizes.parse(chunkSize);
    }
}
