package dev.berth.scan.bench;

import dev.berth.scan.ImageScanner;
import dev.berth.scan.Inventory;
import dev.berth.scan.LayerSource;
import dev.berth.scan.testing.Fixtures;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The scanning benchmark of issue 6 (not a test; run by {@code bench/scan.sh}): generates an image of about 1 GiB
 * (uncompressed) in 50,000 files spread over a few gzip layers, with a dpkg status of 400 packages, fat jars,
 * executables (some of them ELF, one with Go build info), a package lock and Python metadata, then scans it a few
 * times and prints wall-clock and CPU seconds per scan. Layers are files on disk, read as streams, as in the server.
 *
 * <p>Arguments: {@code [workDir] [runs]}; {@code BENCH_SCAN_GIB} scales the image (default 1).
 */
public final class ScanBenchmark {
    private static final int FILES = 50_000;
    private static final int LAYERS = 4;

    public static void main(String[] args) throws Exception {
        Path work = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("berth-scan-bench");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        double gib = Double.parseDouble(System.getenv().getOrDefault("BENCH_SCAN_GIB", "1"));
        Files.createDirectories(work);
        try {
            long start = System.nanoTime();
            List<LayerSource> layers = generate(work, (long) (gib * 1024 * 1024 * 1024));
            System.out.printf("generated in %.1f s%n", (System.nanoTime() - start) / 1e9);
            ImageScanner scanner = new ImageScanner(work);
            for (int run = 0; run <= runs; run++) {
                long cpuBefore = processCpuNanos();
                long wallBefore = System.nanoTime();
                Inventory inventory = scanner.scan(layers);
                double wall = (System.nanoTime() - wallBefore) / 1e9;
                double cpu = (processCpuNanos() - cpuBefore) / 1e9;
                System.out.printf("%s: %.2f s wall, %.2f s CPU (all threads, GC included), %d packages%n",
                        run == 0 ? "warm-up" : "run " + run, wall, cpu, inventory.packages().size());
            }
        } finally {
            try (Stream<Path> paths = Files.walk(work)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    if (path.getFileName().toString().startsWith("layer-") || path.equals(work)) {
                        Files.deleteIfExists(path);
                    }
                }
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** One file of the generated image: a path, a size, and what it holds. */
    private record Planned(String path, long size, int mode, byte[] content) {
    }

    private static List<LayerSource> generate(Path work, long totalBytes) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        List<Planned> special = specialFiles();
        long specialBytes = special.stream().mapToLong(Planned::size).sum();
        // A few large files carry most of the bytes, as in real images (libraries, binaries, models, assets).
        int large = 60;
        long largeSize = (long) ((totalBytes - specialBytes) * 0.8 / large);
        int small = FILES - special.size() - large;
        long smallAverage = (long) ((totalBytes - specialBytes) * 0.2 / small);

        List<List<Planned>> perLayer = new ArrayList<>();
        for (int i = 0; i < LAYERS; i++) {
            perLayer.add(new ArrayList<>());
        }
        perLayer.get(0).addAll(special);
        for (int i = 0; i < large; i++) {
            boolean elf = i % 4 == 0;
            perLayer.get(i % LAYERS).add(new Planned("usr/lib/big/blob-" + i + (elf ? ".so" : ".bin"), largeSize,
                    elf ? 0755 : 0644, null));
        }
        for (int i = 0; i < small; i++) {
            long size = 1 + random.nextLong(2 * smallAverage);
            perLayer.get(i % LAYERS).add(new Planned("usr/share/data/d" + (i % 500) + "/f" + i + ".txt", size,
                    i % 50 == 0 ? 0755 : 0644, null));
        }
        List<LayerSource> layers = new ArrayList<>();
        long compressed = 0;
        long uncompressed = 0;
        int files = 0;
        for (int i = 0; i < LAYERS; i++) {
            Path file = work.resolve("layer-" + i + ".tar.gz");
            uncompressed += writeLayer(file, perLayer.get(i), random);
            compressed += Files.size(file);
            files += perLayer.get(i).size();
            layers.add(new LayerSource("application/vnd.oci.image.layer.v1.tar+gzip", file.getFileName().toString(),
                    () -> Files.newInputStream(file)));
        }
        System.out.printf("image: %d layers (gzip), %d files, %.2f GiB uncompressed, %.2f GiB compressed%n", LAYERS,
                files, uncompressed / (double) (1L << 30), compressed / (double) (1L << 30));
        return layers;
    }

    private static List<Planned> specialFiles() {
        List<Planned> files = new ArrayList<>();
        files.add(text("etc/os-release", Fixtures.DEBIAN_12_OS_RELEASE));
        StringBuilder status = new StringBuilder(Fixtures.DEBIAN_12_DPKG_STATUS).append('\n');
        for (int i = 0; i < 400; i++) {
            status.append("Package: libbench").append(i).append("\nStatus: install ok installed\n")
                    .append("Architecture: amd64\nSource: bench").append(i / 4).append("\nVersion: 1.").append(i)
                    .append("-1+deb12u1\nDescription: generated\n a generated package\n\n");
        }
        files.add(text("var/lib/dpkg/status", status.toString()));
        for (int i = 0; i < 10; i++) {
            files.add(new Planned("app/service-" + i + "/app.jar", 0, 0644, Fixtures.springBootJar()));
            files.add(new Planned("usr/share/java/lib-" + i + "-1.0.jar", 0, 0644,
                    Fixtures.mavenJar("org.bench", "lib-" + i, "1.0")));
        }
        files.add(text("srv/shop/package-lock.json", Fixtures.PACKAGE_LOCK_V3));
        files.add(text("usr/lib/python3/dist-packages/requests-2.25.0.dist-info/METADATA",
                Fixtures.pythonMetadata("requests", "2.25.0")));
        files.add(new Planned("usr/local/bin/server", 0, 0755,
                Fixtures.goBinary("go1.21.5", Fixtures.GO_MODULE_INFO)));
        return files.stream().map(p -> p.content() == null ? p
                : new Planned(p.path(), p.content().length, p.mode(), p.content())).toList();
    }

    private static Planned text(String path, String content) {
        return new Planned(path, 0, 0644, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes one layer; generated content is half random, half text-like, so gzip works as on real files. */
    private static long writeLayer(Path file, List<Planned> planned, SplittableRandom random) throws IOException {
        byte[] chunk = new byte[1 << 20];
        long total = 0;
        try (OutputStream out = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16),
                1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }; TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Planned p : planned) {
                TarArchiveEntry entry = new TarArchiveEntry(p.path());
                entry.setSize(p.size());
                entry.setMode(p.mode());
                tar.putArchiveEntry(entry);
                if (p.content() != null) {
                    tar.write(p.content());
                } else {
                    fill(tar, p, chunk, random);
                }
                tar.closeArchiveEntry();
                total += p.size();
            }
            tar.finish();
        }
        return total;
    }

    /** 16 MiB of half random, half text-like bytes; files are slices of it at random offsets (fast to write). */
    private static byte[] pool;

    private static void fill(OutputStream out, Planned p, byte[] chunk, SplittableRandom random) throws IOException {
        if (pool == null) {
            pool = new byte[16 << 20];
            for (int i = 0; i < pool.length; i++) {
                pool[i] = (i & 64) == 0 ? (byte) random.nextInt(256) : (byte) ('a' + (i % 26));
            }
        }
        long left = p.size();
        boolean first = true;
        while (left > 0) {
            int n = (int) Math.min(chunk.length, left);
            System.arraycopy(pool, random.nextInt(pool.length - chunk.length), chunk, 0, n);
            if (first && p.mode() == 0755 && n >= 4) {
                chunk[0] = 0x7f;
                chunk[1] = 'E';
                chunk[2] = 'L';
                chunk[3] = 'F';
            }
            first = false;
            out.write(chunk, 0, n);
            left -= n;
        }
    }
}
