package dev.berth.cli.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarFilesTest {
    @TempDir
    Path tmp;

    private Map<String, byte[]> writeTar(Path file) throws IOException {
        Map<String, byte[]> content = new LinkedHashMap<>();
        Random random = new Random(3);
        for (int i = 0; i < 6; i++) {
            byte[] b = new byte[100_000 + i * 7_919];
            random.nextBytes(b);
            content.put((i == 5 ? "very/long/".repeat(15) : "./blobs/sha256/") + "entry" + i, b);
        }
        try (OutputStream out = Files.newOutputStream(file); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> e : content.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        return content;
    }

    @Test
    void entriesReadInParallelAndFromAnOffsetAreExact() throws Exception {
        Path file = tmp.resolve("image.tar");
        Map<String, byte[]> content = writeTar(file);
        try (TarFiles files = new TarFiles(file); ExecutorService pool = Executors.newFixedThreadPool(6)) {
            List<Future<Boolean>> checks = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (Map.Entry<String, byte[]> e : content.entrySet()) {
                    String name = e.getKey().replaceFirst("^\\./", "");
                    checks.add(pool.submit(() -> {
                        try (InputStream in = files.open(name, 0)) {
                            return java.util.Arrays.equals(in.readAllBytes(), e.getValue());
                        }
                    }));
                }
            }
            for (Future<Boolean> check : checks) {
                assertThat(check.get()).isTrue();
            }
            byte[] third = content.get("./blobs/sha256/entry3");
            assertThat(files.size("blobs/sha256/entry3")).contains((long) third.length);
            try (InputStream in = files.open("blobs/sha256/entry3", 50_000)) {
                assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(third, 50_000, third.length));
            }
            assertThat(files.size("very/long/".repeat(15) + "entry5")).isPresent();
            assertThat(files.size("missing")).isEmpty();
        }
    }
}
