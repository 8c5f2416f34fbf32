package dev.berth.oci;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the registry needs to know of a manifest or index it stores: its media type, the blobs it references,
 * the child manifests of an index, its subject and artifact type. The bytes themselves are kept elsewhere,
 * exactly as received; this is never serialised back.
 */
public final class Manifest {
    private final String mediaType;
    private final Descriptor config;
    private final List<Descriptor> layers;
    private final List<Descriptor> children;
    private final Descriptor subject;
    private final String artifactType;
    private final Map<String, String> annotations;

    Manifest(String mediaType, Descriptor config, List<Descriptor> layers, List<Descriptor> children,
             Descriptor subject, String artifactType, Map<String, String> annotations) {
        this.mediaType = Objects.requireNonNull(mediaType);
        this.config = config;
        this.layers = List.copyOf(layers);
        this.children = List.copyOf(children);
        this.subject = subject;
        this.artifactType = artifactType;
        this.annotations = Map.copyOf(annotations);
    }

    public String mediaType() {
        return mediaType;
    }

    public boolean isIndex() {
        return MediaTypes.isIndex(mediaType);
    }

    /** The config blob of an image manifest; empty for an index. */
    public Optional<Descriptor> config() {
        return Optional.ofNullable(config);
    }

    public List<Descriptor> layers() {
        return layers;
    }

    /** The manifests an index lists; empty for an image manifest. */
    public List<Descriptor> children() {
        return children;
    }

    /** Every blob this manifest needs in its repository: the config, then the layers. */
    public List<Descriptor> blobs() {
        if (config == null) {
            return layers;
        }
        var all = new java.util.ArrayList<Descriptor>(layers.size() + 1);
        all.add(config);
        all.addAll(layers);
        return all;
    }

    public Optional<Descriptor> subject() {
        return Optional.ofNullable(subject);
    }

    /**
     * The artifact type as the referrers API reports it: the manifest's {@code artifactType}, else (for an image
     * manifest) its config media type.
     */
    public Optional<String> effectiveArtifactType() {
        if (artifactType != null) {
            return Optional.of(artifactType);
        }
        return config == null ? Optional.empty() : Optional.of(config.mediaType());
    }

    public Map<String, String> annotations() {
        return annotations;
    }
}
