package dev.berth.cli.transfer;

import dev.berth.cli.registry.ImageReference;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth pull IMAGE DIR}. */
@Command(name = "pull", mixinStandardHelpOptions = true,
        description = {"Pull an image from a registry into an OCI layout directory (created if missing), every "
                + "platform of a multi-platform image unless --platform picks one. Every blob is verified against "
                + "its digest as it streams; blobs already in the layout are skipped. The image is named in "
                + "index.json by its tag (org.opencontainers.image.ref.name).",
                "Exit codes: 0 pulled, 1 failed (the message says why), 2 usage error."})
public final class PullCommand extends TransferCommand {
    @Parameters(index = "0", paramLabel = "IMAGE", converter = Converters.Reference.class,
            description = "host[:port]/repository[:tag|@sha256:...]")
    ImageReference image;

    @Parameters(index = "1", paramLabel = "DIR", description = "the OCI layout directory to write")
    Path directory;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
            description = "only this platform of a multi-platform image, e.g. linux/amd64")
    String platform;

    @Override
    Transfer.Result transfer(TransferListenerFactory progress) throws IOException {
        String name = image.tag() == null ? null : image.tag().value();
        try (ImageSource from = Endpoints.source(new ImageLocation.Registry(image), options);
                ImageTarget to = Endpoints.target(new ImageLocation.Layout(directory, name), options, null)) {
            return newTransfer(platform(platform), progress.forVerb(to.verb())).run(from, to);
        }
    }
}
