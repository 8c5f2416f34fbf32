package dev.berth.cli.image;

import java.util.Objects;

/**
 * An image's platform as an index describes it: {@code os/architecture[/variant]}, e.g. {@code linux/arm64/v8}.
 *
 * @param variant null when not given
 */
public record Platform(String os, String architecture, String variant) {
    public Platform {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(architecture, "architecture");
    }

    /** Parses {@code os/arch[/variant]}; throws {@link IllegalArgumentException} with a readable message. */
    public static Platform parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()
                || (parts.length == 3 && parts[2].isEmpty())) {
            throw new IllegalArgumentException("not a platform: '" + text + "'; expected os/arch[/variant], "
                    + "e.g. linux/amd64");
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    /** Whether an image of {@code candidate} satisfies this wanted platform; no variant wanted means any variant. */
    public boolean accepts(Platform candidate) {
        return os.equals(candidate.os) && architecture.equals(candidate.architecture)
                && (variant == null || variant.equals(candidate.variant));
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
