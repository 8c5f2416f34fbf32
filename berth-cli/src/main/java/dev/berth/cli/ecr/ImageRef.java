package dev.berth.cli.ecr;

import dev.berth.cli.CliException;
import dev.berth.cli.ExitCode;
import dev.berth.oci.Digest;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;

/**
 * An image named on the command line: {@code repository:tag} or {@code repository@sha256:…}, with an optional
 * leading {@code host[:port]/} that is ignored (the registry is {@code --registry}). A bare repository means tag
 * {@code latest}, as docker reads it.
 */
public record ImageRef(RepositoryName repository, Tag tag, Digest digest) {

    public static ImageRef parse(String text) {
        try {
            String s = text.strip();
            int slash = s.indexOf('/');
            if (slash > 0) {
                String first = s.substring(0, slash);
                if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                    s = s.substring(slash + 1);
                }
            }
            int at = s.indexOf('@');
            if (at >= 0) {
                return new ImageRef(RepositoryName.parse(s.substring(0, at)), null, Digest.parse(s.substring(at + 1)));
            }
            int colon = s.lastIndexOf(':');
            if (colon > s.lastIndexOf('/')) {
                return new ImageRef(RepositoryName.parse(s.substring(0, colon)), Tag.parse(s.substring(colon + 1)),
                        null);
            }
            return new ImageRef(RepositoryName.parse(s), Tag.parse("latest"), null);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, "image " + text + ": " + e.getMessage()
                    + " (expected repository:tag or repository@sha256:…)");
        }
    }

    public ImageIdentifier imageId() {
        ImageIdentifier.Builder id = ImageIdentifier.builder();
        if (tag != null) {
            id.imageTag(tag.value());
        }
        if (digest != null) {
            id.imageDigest(digest.toString());
        }
        return id.build();
    }

    @Override
    public String toString() {
        return repository.value() + (digest != null ? "@" + digest : ":" + tag.value());
    }
}
