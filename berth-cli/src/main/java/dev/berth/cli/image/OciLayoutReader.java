package dev.berth.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.oci.Digest;
import dev.berth.oci.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an OCI image layout (image-spec "image-layout.md") from a directory or a tar: {@code oci-layout},
 * {@code index.json} (its entries name images by {@link Descriptor#REF_NAME}) and content-addressed
 * {@code blobs/<alg>/<hex>}. Manifests are verified against their digests when read; blobs are streamed and
 * verified by whoever consumes them.
 */
public final class OciLayoutReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LayoutFiles files;

    public OciLayoutReader(LayoutFiles files) {
        this.files = files;
    }

    /** Whether the files look like an OCI layout at all. */
    public static boolean isLayout(LayoutFiles files) throws IOException {
        return files.size("oci-layout").isPresent() && files.size("index.json").isPresent();
    }

    public LayoutFiles files() {
        return files;
    }

    public List<Descriptor> index() throws IOException {
        JsonNode root = JSON.readTree(files.readSmall("index.json", ManifestContent.MAX_SIZE));
        List<Descriptor> out = new ArrayList<>();
        for (JsonNode node : root.path("manifests")) {
            out.add(Descriptor.fromJson(node));
        }
        return out;
    }

    /**
     * The image {@code index.json} names {@code refName}; with no name, the only image in the layout. Throws
     * {@link IllegalArgumentException} listing the names there are when the choice is missing or ambiguous.
     */
    public Descriptor select(String refName) throws IOException {
        List<Descriptor> entries = index();
        if (refName != null) {
            for (Descriptor d : entries) {
                if (d.refName().filter(refName::equals).isPresent()) {
                    return d;
                }
            }
            throw new IllegalArgumentException(files.describe("index.json") + " names no image '" + refName
                    + "'; it names " + names(entries));
        }
        if (entries.size() == 1) {
            return entries.get(0);
        }
        throw new IllegalArgumentException(files.describe("index.json") + " holds " + entries.size()
                + " images; choose one by name (" + names(entries) + ")");
    }

    private static String names(List<Descriptor> entries) {
        List<String> names = new ArrayList<>();
        for (Descriptor d : entries) {
            names.add(d.refName().orElse(d.digest().toString()));
        }
        return names.isEmpty() ? "nothing" : String.join(", ", names);
    }

    public ManifestContent manifest(Descriptor descriptor) throws IOException {
        byte[] bytes = files.readSmall(blobPath(descriptor.digest()), ManifestContent.MAX_SIZE);
        Digest actual = Digest.compute(descriptor.digest().algorithm(), bytes);
        if (!actual.equals(descriptor.digest()) || bytes.length != descriptor.size()) {
            throw new IOException(files.describe(blobPath(descriptor.digest())) + " does not match its descriptor "
                    + "(digest " + actual + ", " + bytes.length + " bytes; expected " + descriptor.size() + ")");
        }
        return new ManifestContent(mediaType(descriptor, bytes), bytes, descriptor.digest());
    }

    /** The descriptor's media type; one that leaves it out gets the manifest's own, else one told by its shape. */
    private static String mediaType(Descriptor descriptor, byte[] bytes) throws IOException {
        if (!descriptor.mediaType().isEmpty()) {
            return descriptor.mediaType();
        }
        JsonNode root = JSON.readTree(bytes);
        String declared = root.path("mediaType").asText("");
        if (!declared.isEmpty()) {
            return declared;
        }
        return root.path("manifests").isArray() ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
    }

    public InputStream openBlob(Digest digest, long offset) throws IOException {
        String path = blobPath(digest);
        if (files.size(path).isEmpty()) {
            throw new java.io.FileNotFoundException("the layout has no blob " + digest + " ("
                    + files.describe(path) + " is missing)");
        }
        return files.open(path, offset);
    }

    public static String blobPath(Digest digest) {
        return "blobs/" + digest.algorithm().prefix() + "/" + digest.hex();
    }
}
