package dev.berth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.oci.DigestAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a server's data directory holds on disk, as laid out in docs/storage.md: {@code blobs/blobs/<alg>/<xx>/<hex>}
 * (complete blobs), {@code blobs/uploads/<id>/data} (upload sessions) and {@code blobs/tmp/} (monolithic puts in
 * flight). For tests that check that nothing partial or stray is left behind.
 */
final class DataDir {
    private final Path root;

    DataDir(Path dataDir) {
        this.root = dataDir.resolve("blobs");
    }

    /** Every file in the blob area hashes to the name it is stored under; returns how many there are. */
    int assertEveryBlobFileMatchesItsName() {
        List<Path> files = files(root.resolve("blobs"));
        for (Path file : files) {
            String algorithm = file.getParent().getParent().getFileName().toString();
            String hex = file.getFileName().toString();
            assertThat(file.getParent().getFileName().toString()).as("shard of %s", file).isEqualTo(hex.substring(0, 2));
            assertThat(hash(file, DigestAlgorithm.byPrefix(algorithm).orElseThrow())).as("content of %s", file).isEqualTo(hex);
        }
        return files.size();
    }

    /** The ids of the upload sessions on disk. */
    List<String> uploadSessions() {
        return list(root.resolve("uploads")).stream().map(p -> p.getFileName().toString()).sorted().toList();
    }

    /** The bytes an upload session holds on disk. */
    long uploadSize(String id) {
        try {
            return Files.size(root.resolve("uploads").resolve(id).resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files of monolithic puts in flight (or left by a crash). */
    List<Path> tempFiles() {
        return list(root.resolve("tmp"));
    }

    private static String hash(Path file, DigestAlgorithm algorithm) {
        MessageDigest hasher = algorithm.newHasher();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                hasher.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(hasher.digest());
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> paths = Files.list(dir)) {
            return paths.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
