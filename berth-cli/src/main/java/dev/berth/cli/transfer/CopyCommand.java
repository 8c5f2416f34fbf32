package dev.berth.cli.transfer;

import dev.berth.oci.RepositoryName;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth copy SRC DST}. */
@Command(name = "copy", mixinStandardHelpOptions = true,
        description = {"Copy an image, all its platforms unless --platform picks one, between registries (Berth "
                + "or any OCI registry) and local layouts. Blobs stream from the source registry to the target "
                + "without a temporary file; within one registry they are mounted, not copied.",
                "SRC and DST: a reference (host[:port]/repository[:tag|@digest], optionally docker://...), "
                        + "oci:DIR[:NAME] (an OCI layout), docker-archive:FILE[:REPO:TAG] (source only).",
                "Exit codes: 0 copied, 1 failed (the message says why), 2 usage error."})
public final class CopyCommand extends TransferCommand {
    @Parameters(index = "0", paramLabel = "SRC", converter = Converters.Location.class)
    ImageLocation source;

    @Parameters(index = "1", paramLabel = "DST", converter = Converters.Location.class)
    ImageLocation destination;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
            description = "only this platform of a multi-platform image, e.g. linux/amd64")
    String platform;

    @Override
    Transfer.Result transfer(TransferListenerFactory progress) throws IOException {
        RepositoryName mountFrom = null;
        if (source instanceof ImageLocation.Registry from && destination instanceof ImageLocation.Registry to
                && from.reference().registry().equals(to.reference().registry())) {
            mountFrom = from.reference().repository();
        }
        try (ImageSource from = Endpoints.source(source, options);
                ImageTarget to = Endpoints.target(destination, options, mountFrom)) {
            String verb = destination instanceof ImageLocation.Registry ? "copied" : to.verb();
            return newTransfer(platform(platform), progress.forVerb(verb)).run(from, to);
        }
    }
}
