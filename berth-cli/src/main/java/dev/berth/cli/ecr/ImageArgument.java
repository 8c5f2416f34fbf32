package dev.berth.cli.ecr;

import picocli.CommandLine.Parameters;

/** The image a command acts on, its one positional argument, as {@code repository:tag} or by digest. */
public final class ImageArgument {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "repository:tag or repository@sha256:…")
    String image;

    public ImageRef ref() {
        return ImageRef.parse(image);
    }
}
