package dev.berth.cli.transfer;

import dev.berth.cli.registry.ImageReference;
import dev.berth.oci.RepositoryName;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth push SOURCE IMAGE}. */
@Command(name = "push", mixinStandardHelpOptions = true,
        description = {"Push an image from an OCI layout (directory or tar: Jib, buildah, ko, "
                + "`docker buildx --output type=oci`) or a `docker save` archive to a registry, without a Docker "
                + "engine. Blobs go in parallel; those the registry has are skipped; large ones go in resumable "
                + "chunks. Credentials come from the docker config (inline or a credential helper).",
                "Exit codes: 0 pushed, 1 failed (the message says why), 2 usage error."})
public final class PushCommand extends TransferCommand {
    @Parameters(index = "0", paramLabel = "SOURCE", description = "an OCI layout directory or tar, or a docker archive")
    Path source;

    @Parameters(index = "1", paramLabel = "IMAGE", converter = Converters.Reference.class,
            description = "where to push: host[:port]/repository[:tag]")
    ImageReference destination;

    @Option(names = "--name", paramLabel = "NAME",
            description = "which image of the source: its org.opencontainers.image.ref.name in an OCI layout, or "
                    + "its repo:tag in a docker archive (default: the one named like IMAGE's tag, else the only one)")
    String name;

    @Option(names = "--mount-from", paramLabel = "REPOSITORY", converter = Converters.Repository.class,
            description = "a repository of the same registry that may hold some blobs already: they are mounted "
                    + "(linked) instead of uploaded")
    RepositoryName mountFrom;

    @Override
    Transfer.Result transfer(TransferListenerFactory progress) throws IOException {
        String preferred = destination.tag() == null ? null : destination.tag().value();
        try (ImageSource from = Endpoints.local(source, name, preferred);
                ImageTarget to = Endpoints.target(new ImageLocation.Registry(destination), options, mountFrom)) {
            return newTransfer(null, progress.forVerb(to.verb())).run(from, to);
        }
    }
}
