package dev.berth.storage;

import dev.berth.oci.Digest;
import dev.berth.oci.DigestAlgorithm;
import dev.berth.oci.InvalidReferenceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Lazy listings of an {@link FsBlobStore}'s blobs and upload sessions: one directory open at a time, one
 * {@code stat} per entry, nothing accumulated, so memory stays flat at any number of blobs. Names that the layout
 * could not have made are skipped, as are entries that vanish between the listing and the {@code stat}.
 */
final class FsListing {
    private FsListing() {}

    static Stream<StoredBlob> blobs(FsLayout layout) {
        return Arrays.stream(DigestAlgorithm.values())
                .map(algorithm -> layout.blobsDir().resolve(algorithm.prefix()))
                .flatMap(FsListing::children) // shards
                .flatMap(FsListing::children) // blob files
                .map(FsListing::blob)
                .flatMap(Optional::stream);
    }

    static Stream<StoredUpload> uploads(FsLayout layout) {
        return children(layout.uploadsDir())
                .filter(dir -> FsLayout.isUploadId(dir.getFileName().toString()))
                .map(FsListing::upload)
                .flatMap(Optional::stream);
    }

    private static Optional<StoredBlob> blob(Path file) {
        Path shard = file.getParent();
        String text = shard.getParent().getFileName() + ":" + file.getFileName();
        Digest digest;
        try {
            digest = Digest.parse(text);
        } catch (InvalidReferenceException e) {
            return Optional.empty();
        }
        if (!digest.hex().startsWith(shard.getFileName().toString())) {
            return Optional.empty();
        }
        return attributes(file).filter(BasicFileAttributes::isRegularFile)
                .map(a -> new StoredBlob(digest, a.size(), a.lastModifiedTime().toInstant()));
    }

    private static Optional<StoredUpload> upload(Path dir) {
        return attributes(dir.resolve("data")).filter(BasicFileAttributes::isRegularFile)
                .map(a -> new StoredUpload(dir.getFileName().toString(), a.size(),
                        a.lastModifiedTime().toInstant()));
    }

    private static Optional<BasicFileAttributes> attributes(Path path) {
        try {
            return Optional.of(Files.readAttributes(path, BasicFileAttributes.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory's entries, lazily; none if it does not exist or is not a directory. */
    private static Stream<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try {
            return Files.list(dir);
        } catch (NoSuchFileException e) {
            return Stream.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
