package dev.berth.cli.registry;

import dev.berth.oci.Digest;
import dev.berth.oci.InvalidReferenceException;
import dev.berth.oci.Reference;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;
import java.util.Objects;

/**
 * An image reference as docker writes it: {@code [host[:port]/]path/name[:tag][@digest]}. The first path component
 * is a registry host when it contains a {@code .} or a {@code :} or is {@code localhost}; otherwise the image is on
 * Docker Hub ({@code docker.io}, with {@code library/} before a one-component name). Neither tag nor digest means
 * {@code latest}. Immutable; {@link #parse} is the only way in from a string.
 *
 * @param registry the registry as docker keys it in its config ({@code host[:port]})
 * @param tag      null when only a digest was given
 * @param digest   null when only a tag was given
 */
public record ImageReference(String registry, RepositoryName repository, Tag tag, Digest digest) {
    public static final String DOCKER_HUB = "docker.io";
    private static final Tag LATEST = Tag.parse("latest");

    public ImageReference {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(repository, "repository");
        if (tag == null && digest == null) {
            throw new IllegalArgumentException("a reference needs a tag or a digest");
        }
    }

    /** Parses a docker-style reference; throws {@link IllegalArgumentException} with a readable message. */
    public static ImageReference parse(String text) {
        Objects.requireNonNull(text, "text");
        try {
            return parseStrict(text);
        } catch (InvalidReferenceException e) {
            throw new IllegalArgumentException("not an image reference: '" + text + "' (" + e.getMessage()
                    + "); expected host[:port]/repository[:tag][@sha256:...]", e);
        }
    }

    private static ImageReference parseStrict(String text) {
        String rest = text;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = Digest.parse(rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        Tag tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = Tag.parse(rest.substring(colon + 1));
            rest = rest.substring(0, colon);
        }
        String registry = DOCKER_HUB;
        int slash = rest.indexOf('/');
        if (slash > 0 && isHost(rest.substring(0, slash))) {
            registry = rest.substring(0, slash);
            rest = rest.substring(slash + 1);
        } else if (slash < 0) {
            rest = "library/" + rest;
        }
        if (tag == null && digest == null) {
            tag = LATEST;
        }
        return new ImageReference(registry, RepositoryName.parse(rest), tag, digest);
    }

    private static boolean isHost(String component) {
        return component.contains(".") || component.contains(":") || component.equals("localhost");
    }

    /** The digest when there is one (it names the content exactly), else the tag. */
    public Reference reference() {
        return digest != null ? digest : tag;
    }

    @Override
    public String toString() {
        return registry + "/" + repository + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
