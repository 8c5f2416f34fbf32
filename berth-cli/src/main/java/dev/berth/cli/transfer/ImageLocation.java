package dev.berth.cli.transfer;

import dev.berth.cli.registry.ImageReference;
import java.nio.file.Path;

/**
 * Where {@code berth copy} reads or writes an image, in skopeo's transport syntax: {@code docker://REF} or a bare
 * reference (a registry), {@code oci:DIR[:NAME]} (an OCI layout directory or tar, the image named NAME in its
 * {@code index.json}), {@code docker-archive:FILE[:REPO:TAG]} (a {@code docker save} tar; read only).
 */
public sealed interface ImageLocation {
    record Registry(ImageReference reference) implements ImageLocation {
    }

    /** @param name null for the layout's only image (as a source) or an unnamed entry (as a target) */
    record Layout(Path path, String name) implements ImageLocation {
    }

    /** @param repoTag null for the archive's only image */
    record Archive(Path file, String repoTag) implements ImageLocation {
    }

    /** Throws {@link IllegalArgumentException} with a readable message. */
    static ImageLocation parse(String text) {
        if (text.startsWith("oci:")) {
            String rest = text.substring("oci:".length());
            int colon = rest.indexOf(':');
            return colon < 0 ? new Layout(path(rest, text), null)
                    : new Layout(path(rest.substring(0, colon), text), emptyToNull(rest.substring(colon + 1)));
        }
        if (text.startsWith("docker-archive:")) {
            String rest = text.substring("docker-archive:".length());
            int colon = rest.indexOf(':');
            return colon < 0 ? new Archive(path(rest, text), null)
                    : new Archive(path(rest.substring(0, colon), text), emptyToNull(rest.substring(colon + 1)));
        }
        String reference = text.startsWith("docker://") ? text.substring("docker://".length()) : text;
        return new Registry(ImageReference.parse(reference));
    }

    private static Path path(String path, String whole) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("no path in '" + whole + "'");
        }
        return Path.of(path);
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
