package dev.berth.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.function.LongConsumer;

/**
 * Writes an OCI image layout directory. Every blob goes to a temporary file beside its final place, is hashed and
 * counted while it streams, and is moved into place only when digest and size match: a reader never sees partial
 * or wrong content under a digest's name. {@code index.json} is rewritten atomically. Blob writes are safe from
 * several threads (distinct digests); index updates are serialised.
 */
public final class OciLayoutWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BUFFER = 64 * 1024;

    private final Path dir;

    public OciLayoutWriter(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Whether the blob is already in the layout (by name and size: the name is its digest). */
    public boolean hasBlob(Descriptor descriptor) throws IOException {
        Path file = blobFile(descriptor.digest());
        return Files.isRegularFile(file) && Files.size(file) == descriptor.size();
    }

    /**
     * Streams {@code content} into the layout, verifying it against {@code descriptor}; reports bytes as they are
     * written. On a mismatch nothing is kept and an {@link IOException} names both digests.
     */
    public void writeBlob(Descriptor descriptor, InputStream content, LongConsumer progress) throws IOException {
        Path target = blobFile(descriptor.digest());
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), ".partial-", "");
        try {
            MessageDigest hasher = descriptor.digest().algorithm().newHasher();
            long total = 0;
            try (OutputStream out = Files.newOutputStream(temp)) {
                byte[] buffer = new byte[BUFFER];
                for (int n; (n = content.read(buffer)) > 0; ) {
                    hasher.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                    total += n;
                    progress.accept(n);
                }
            }
            Digest actual = Digest.of(descriptor.digest().algorithm(), hasher.digest());
            if (!actual.equals(descriptor.digest()) || total != descriptor.size()) {
                throw new IOException("content for " + descriptor.digest() + " does not match: got " + actual
                        + " (" + total + " bytes, expected " + descriptor.size() + ")");
            }
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    public void writeManifest(ManifestContent manifest) throws IOException {
        writeBlob(Descriptor.of(manifest.mediaType(), manifest.digest(), manifest.bytes().length),
                new java.io.ByteArrayInputStream(manifest.bytes()), n -> { });
    }

    /**
     * Names {@code descriptor} in {@code index.json}, replacing an entry with the same
     * {@link Descriptor#REF_NAME} (or, for an unnamed one, the same digest unnamed); creates {@code oci-layout}.
     */
    public synchronized void addToIndex(Descriptor descriptor) throws IOException {
        Files.createDirectories(dir);
        Path layoutFile = dir.resolve("oci-layout");
        if (!Files.exists(layoutFile)) {
            atomicWrite(layoutFile, "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        }
        Path indexFile = dir.resolve("index.json");
        ObjectNode index;
        if (Files.exists(indexFile)) {
            JsonNode read = JSON.readTree(indexFile.toFile());
            if (!(read instanceof ObjectNode object)) {
                throw new IOException(indexFile + " is not a JSON object");
            }
            index = object;
        } else {
            index = JSON.createObjectNode();
            index.put("schemaVersion", 2);
            index.put("mediaType", "application/vnd.oci.image.index.v1+json");
        }
        ArrayNode kept = JSON.createArrayNode();
        for (JsonNode entry : index.path("manifests")) {
            Descriptor existing = Descriptor.fromJson(entry);
            boolean same = descriptor.refName().isPresent()
                    ? existing.refName().equals(descriptor.refName())
                    : existing.refName().isEmpty() && existing.digest().equals(descriptor.digest());
            if (!same) {
                kept.add(entry);
            }
        }
        kept.add(descriptor.toJson());
        index.set("manifests", kept);
        atomicWrite(indexFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(index));
    }

    private Path blobFile(Digest digest) {
        return dir.resolve(OciLayoutReader.blobPath(digest));
    }

    private static void atomicWrite(Path file, byte[] content) throws IOException {
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".partial-", "");
        try {
            Files.write(temp, content);
            move(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
