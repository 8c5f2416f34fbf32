package dev.berth.vulndb.bench;

import dev.berth.metadata.JdbcMetadataStore;
import dev.berth.metadata.StoredAdvisory;
import dev.berth.metadata.VulnerabilityDbStatus;
import dev.berth.metadata.VulnerabilityStore;
import java.time.Instant;
import java.util.Collection;
import dev.berth.scan.Inventory;
import dev.berth.scan.Package;
import dev.berth.vulndb.AdvisoryIndex;
import dev.berth.vulndb.Finding;
import dev.berth.vulndb.ImportReport;
import dev.berth.vulndb.VulnerabilityDatabase;
import dev.berth.vulndb.osv.OsvParser;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The matching benchmark, run by hand (not part of {@code mvn verify}; see docs/benchmarks.md):
 * synthetic OSV advisories (default 200,000) over five ecosystems, an inventory of 10,000 packages, and the time
 * to build the index, to match, and to import and load through the SQLite metadata database.
 *
 * <p>Arguments: {@code [advisories] [packages] [work dir]}. Deterministic (fixed seed).
 */
public final class MatchBenchmark {
    private static final String[] ECOSYSTEMS = {"Maven", "npm", "PyPI", "Debian:12", "Go"};

    public static void main(String[] args) throws Exception {
        int advisories = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int packages = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Path work = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("berth-vulndb-bench-");
        int names = advisories / 4;   // about four advisories per affected package name
        Random random = new Random(42);

        List<byte[]> documents = new ArrayList<>(advisories);
        for (int i = 0; i < advisories; i++) {
            documents.add(advisory(i, random.nextInt(names), random).getBytes(StandardCharsets.UTF_8));
        }
        long totalBytes = documents.stream().mapToLong(d -> d.length).sum();
        System.out.printf("advisories %d (%d distinct package names, %.1f MB of JSON), inventory %d packages%n",
                advisories, names, totalBytes / 1e6, packages);

        long heapBefore = usedHeap();
        long t0 = System.nanoTime();
        long cpu0 = cpu();
        OsvParser parser = new OsvParser();
        AdvisoryIndex.Builder builder = AdvisoryIndex.builder();
        for (byte[] document : documents) {
            builder.add(((OsvParser.Parsed.Ok) parser.parse(document)).advisory());
        }
        AdvisoryIndex index = builder.build();
        long built = System.nanoTime() - t0;
        long builtCpu = cpu() - cpu0;
        builder = null;
        long heapIndex = usedHeap() - heapBefore;
        System.out.printf("parse + build index: %d ms (%d ms CPU), index retains ~%d MB of heap%n",
                built / 1_000_000, builtCpu / 1_000_000, heapIndex / 1_000_000);

        List<Package> inventoryPackages = new ArrayList<>(packages);
        for (int i = 0; i < packages; i++) {
            String ecosystem = ECOSYSTEMS[i % ECOSYSTEMS.length];
            // Half the packages have advisories, half are unknown names.
            String name = i % 2 == 0 ? name(ecosystem, random.nextInt(names)) : name(ecosystem, names + i);
            String version = "1." + random.nextInt(20) + "." + random.nextInt(10);
            inventoryPackages.add(new Package(ecosystem, name, version, null, null, "pkg:x/" + name, "/bench"));
        }
        Inventory inventory = new Inventory(Optional.empty(), inventoryPackages);
        long[] runs = new long[15];
        long[] cpuRuns = new long[runs.length];
        int findings = 0;
        for (int run = 0; run < runs.length; run++) {
            long start = System.nanoTime();
            long startCpu = cpu();
            List<Finding> found = index.match(inventory);
            runs[run] = System.nanoTime() - start;
            cpuRuns[run] = cpu() - startCpu;
            findings = found.size();
        }
        System.out.printf("match %d packages: %d findings; first run %d ms (%d ms CPU)", packages, findings,
                runs[0] / 1_000_000, cpuRuns[0] / 1_000_000);
        Arrays.sort(runs);
        Arrays.sort(cpuRuns);
        System.out.printf(", median %d ms (%d ms CPU), best %d ms (of %d runs)%n", runs[runs.length / 2] / 1_000_000,
                cpuRuns[runs.length / 2] / 1_000_000, runs[0] / 1_000_000, runs.length);

        documents = null;
        index = null;
        Path zip = work.resolve("bench-all.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream entries = new ZipOutputStream(out)) {
            Random again = new Random(42);
            for (int i = 0; i < advisories; i++) {
                entries.putNextEntry(new ZipEntry("BENCH-" + i + ".json"));
                entries.write(advisory(i, again.nextInt(names), again).getBytes(StandardCharsets.UTF_8));
                entries.closeEntry();
            }
        }
        try (JdbcMetadataStore metadata = JdbcMetadataStore.sqlite(work.resolve("metadata.db"))) {
            TimedStore timed = new TimedStore(metadata.vulnerabilityStore());
            VulnerabilityDatabase vulndb = new VulnerabilityDatabase(timed, Clock.systemUTC());
            long start = System.nanoTime();
            long startCpu = cpu();
            ImportReport report = vulndb.importFrom(zip);
            System.out.printf("import zip (%d MB) into SQLite: %d ms (%d ms CPU; %d imported, revision %d)%n",
                    Files.size(zip) / 1_000_000, (System.nanoTime() - start) / 1_000_000,
                    (cpu() - startCpu) / 1_000_000, report.imported(), report.revision());
            System.out.printf("  of which the publishing transaction (SQLite write lock held): %d ms%n",
                    timed.lastPublishNanos / 1_000_000);
            long heapBeforeLoad = usedHeap();
            start = System.nanoTime();
            startCpu = cpu();
            AdvisoryIndex loaded = vulndb.index();
            System.out.printf("load index from SQLite (read + parse + build): %d ms (%d ms CPU), retains ~%d MB,"
                    + " %d advisories%n", (System.nanoTime() - start) / 1_000_000, (cpu() - startCpu) / 1_000_000,
                    (usedHeap() - heapBeforeLoad) / 1_000_000, loaded.advisoryCount());
            start = System.nanoTime();
            startCpu = cpu();
            ImportReport again = vulndb.importFrom(zip);
            System.out.printf("re-import of the same zip (every row replaced): %d ms (%d ms CPU), revision %d%n",
                    (System.nanoTime() - start) / 1_000_000, (cpu() - startCpu) / 1_000_000, again.revision());
            System.out.printf("  of which the publishing transaction: %d ms%n", timed.lastPublishNanos / 1_000_000);
        }
    }

    private static String name(String ecosystem, int n) {
        return switch (ecosystem) {
            case "Maven" -> "org.example.g" + (n % 997) + ":artifact-" + n;
            case "Go" -> "example.com/mod" + n;
            default -> "pkg-" + n;
        };
    }

    /** One advisory: one or two affected ranges, a CVSS v3.1 vector on most, a summary and a reference. */
    private static String advisory(int i, int nameIndex, Random random) {
        String ecosystem = ECOSYSTEMS[nameIndex % ECOSYSTEMS.length];
        String name = name(ecosystem, nameIndex);
        int introduced = random.nextInt(10);
        int fixed = introduced + 1 + random.nextInt(10);
        String severity = random.nextInt(10) < 8
                ? "\"severity\":[{\"type\":\"CVSS_V3\",\"score\":\"CVSS:3.1/AV:N/AC:" + (random.nextBoolean() ? "L" : "H")
                + "/PR:N/UI:N/S:U/C:H/I:" + (random.nextBoolean() ? "H" : "N") + "/A:H\"}],"
                : "\"database_specific\":{\"severity\":\"MODERATE\"},";
        String ranges = "{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"1." + introduced + ".0\"},{\"fixed\":\"1."
                + fixed + ".0\"}]}";
        if (random.nextBoolean()) {
            ranges = "{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"0.9.0\"}]}," + ranges;
        }
        return "{\"schema_version\":\"1.6.0\",\"id\":\"BENCH-" + i + "\",\"modified\":\"2026-01-01T00:00:00Z\","
                + "\"aliases\":[\"CVE-2026-" + (10000 + i) + "\"],\"summary\":\"synthetic advisory " + i + " for "
                + name + "\"," + severity + "\"affected\":[{\"package\":{\"ecosystem\":\"" + ecosystem
                + "\",\"name\":\"" + name + "\"},\"ranges\":[" + ranges + "]}],"
                + "\"references\":[{\"type\":\"ADVISORY\",\"url\":\"https://example.com/BENCH-" + i + "\"}]}";
    }

    /** Times the publishing transaction: how long an import holds SQLite's write lock in one go. */
    private static final class TimedStore implements VulnerabilityStore {
        private final VulnerabilityStore store;
        volatile long lastPublishNanos;

        TimedStore(VulnerabilityStore store) {
            this.store = store;
        }

        @Override
        public long revision() {
            return store.revision();
        }

        @Override
        public long readAll(Reader reader) {
            return store.readAll(reader);
        }

        @Override
        public VulnerabilityDbStatus status() {
            return store.status();
        }

        @Override
        public Import beginImport() {
            Import running = store.beginImport();
            return new Import() {
                @Override
                public void stage(Collection<StoredAdvisory> advisories) {
                    running.stage(advisories);
                }

                @Override
                public void withdraw(Collection<String> ids) {
                    running.withdraw(ids);
                }

                @Override
                public long publish(Instant at) {
                    long start = System.nanoTime();
                    long revision = running.publish(at);
                    lastPublishNanos = System.nanoTime() - start;
                    return revision;
                }

                @Override
                public void close() {
                    running.close();
                }
            };
        }
    }

    /** CPU time of this thread: the figure that a loaded, shared machine distorts least. */
    private static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
