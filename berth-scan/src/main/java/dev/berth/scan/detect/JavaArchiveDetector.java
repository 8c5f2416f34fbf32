package dev.berth.scan.detect;

import dev.berth.scan.Package;
import dev.berth.scan.layer.ImageFile;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maven artifacts in Java archives ({@code .jar}, {@code .war}, {@code .ear}), read as streams, archives nested in
 * archives included (Spring Boot {@code BOOT-INF/lib}, {@code WEB-INF/lib}, ear modules) up to a fixed depth.
 * Every {@code META-INF/maven/<group>/<artifact>/pom.properties} is a package (a shaded jar carries several). An
 * archive without one falls back to its manifest ({@code Implementation-Vendor-Id}, {@code Implementation-Version},
 * {@code Bundle-Version}) and its file name ("log4j-core-2.14.1.jar"); without a group the name is the bare artifact
 * id, which Maven advisories cannot match. Locations name nested archives with "!/".
 */
public final class JavaArchiveDetector implements Detector {
    private static final int MAX_DEPTH = 4;
    private static final int SMALL_ENTRY_LIMIT = 1024 * 1024;
    private static final int MAX_PREAMBLE = 64 * 1024;
    private static final Pattern POM_PROPERTIES = Pattern.compile("META-INF/maven/([^/]+)/([^/]+)/pom\\.properties");
    private static final Pattern VERSIONED_FILE_NAME = Pattern.compile("(.+?)-(\\d[^/]*)\\.(?:jar|war|ear)");

    private record Artifact(String group, String artifact, String version, String location) {
    }

    /** Bytes read out of nested archives, per top-level archive: bounds the work a nested zip bomb can cause. */
    static final long DEFAULT_NESTED_BUDGET = 4L * 1024 * 1024 * 1024;

    private final Set<Artifact> artifacts = new LinkedHashSet<>();
    private final long nestedBudget;
    private long nestedBytesLeft;

    public JavaArchiveDetector() {
        this(DEFAULT_NESTED_BUDGET);
    }

    JavaArchiveDetector(long nestedBudget) {
        this.nestedBudget = nestedBudget;
    }

    @Override
    public boolean wants(ImageFile file) {
        return isArchive(file.fileName());
    }

    static boolean isArchive(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".jar") || lower.endsWith(".war") || lower.endsWith(".ear");
    }

    @Override
    public void read(ImageFile file, InputStream content) throws IOException {
        nestedBytesLeft = nestedBudget;
        List<Artifact> found = new ArrayList<>();
        readArchive(file.path(), file.fileName(), skipLaunchScript(content), 0, found);
        // All or nothing per file: an archive abandoned half-way (a bomb) reports nothing.
        artifacts.addAll(found);
    }

    private void readArchive(String location, String fileName, InputStream content, int depth,
                             List<Artifact> found) throws IOException {
        // Local headers are read in order; stored entries with data descriptors occur in real jars.
        ZipArchiveInputStream zip = new ZipArchiveInputStream(new Unclosable(content), "UTF-8", true, true);
        List<Artifact> fromPoms = new ArrayList<>();
        Manifest manifest = null;
        int entries = 0;
        ZipArchiveEntry entry;
        while ((entry = zip.getNextEntry()) != null) {
            entries++;
            if (entry.isDirectory()) {
                continue;
            }
            String name = entry.getName();
            Matcher pom = POM_PROPERTIES.matcher(name);
            if (pom.matches()) {
                pomArtifact(pom.group(1), pom.group(2), zip, location).ifPresent(fromPoms::add);
            } else if (name.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                manifest = parseManifest(zip.readNBytes(SMALL_ENTRY_LIMIT));
            } else if (depth < MAX_DEPTH && isArchive(name)) {
                String nestedName = name.substring(name.lastIndexOf('/') + 1);
                try {
                    readArchive(location + "!/" + name, nestedName, new Budgeted(zip), depth + 1, found);
                } catch (NestedBudgetExceeded e) {
                    throw e;
                } catch (IOException | IllegalArgumentException unreadableNested) {
                    // A damaged nested archive does not hide its siblings; the outer stream skips what is left.
                }
            }
        }
        if (!fromPoms.isEmpty()) {
            found.addAll(fromPoms);
        } else if (entries > 0) {
            // Only a readable archive vouches for its file name.
            fromManifestAndName(manifest, fileName, location).ifPresent(found::add);
        }
    }

    /**
     * Spring Boot's "fully executable" jars start with a shell script; the zip begins at the first local file
     * header within the first {@value #MAX_PREAMBLE} bytes. Any other stream is returned positioned at its start.
     */
    private static InputStream skipLaunchScript(InputStream content) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(content, MAX_PREAMBLE);
        buffered.mark(MAX_PREAMBLE);
        byte[] head = buffered.readNBytes(MAX_PREAMBLE);
        buffered.reset();
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K') {
            return buffered;
        }
        for (int i = 0; i + 4 <= head.length; i++) {
            if (head[i] == 'P' && head[i + 1] == 'K' && head[i + 2] == 3 && head[i + 3] == 4) {
                buffered.skipNBytes(i);
                return buffered;
            }
        }
        return buffered;
    }

    // A malformed manifest only loses the fallback; the archive's pom.properties still count.
    private static Manifest parseManifest(byte[] bytes) {
        try {
            return new Manifest(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException malformed) {
            return null;
        }
    }

    private static Optional<Artifact> pomArtifact(String pathGroup, String pathArtifact, InputStream entry,
                                                  String location) throws IOException {
        Properties properties = new Properties();
        properties.load(new ByteArrayInputStream(entry.readNBytes(SMALL_ENTRY_LIMIT)));
        String version = properties.getProperty("version", "").strip();
        if (version.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Artifact(properties.getProperty("groupId", pathGroup).strip(),
                properties.getProperty("artifactId", pathArtifact).strip(), version, location));
    }

    private static Optional<Artifact> fromManifestAndName(Manifest manifest, String fileName, String location) {
        Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
        Matcher versioned = VERSIONED_FILE_NAME.matcher(fileName);
        String artifact;
        String version;
        if (versioned.matches()) {
            artifact = versioned.group(1);
            version = versioned.group(2);
        } else {
            artifact = fileName.substring(0, fileName.lastIndexOf('.'));
            version = firstPresent(main, "Implementation-Version", "Bundle-Version");
        }
        if (version.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Artifact(firstPresent(main, "Implementation-Vendor-Id"), artifact, version, location));
    }

    private static String firstPresent(Attributes attributes, String... names) {
        for (String name : names) {
            String value = attributes.getValue(name);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return "";
    }

    @Override
    public List<Package> packages(Distribution distribution) {
        List<Package> packages = new ArrayList<>(artifacts.size());
        for (Artifact a : artifacts) {
            String name = a.group().isEmpty() ? a.artifact() : a.group() + ":" + a.artifact();
            String purl = Purl.of("maven", a.artifact()).namespace(a.group()).version(a.version()).toString();
            packages.add(new Package("Maven", name, a.version(), name, a.version(), purl, a.location()));
        }
        return packages;
    }

    private static final class NestedBudgetExceeded extends IOException {
        NestedBudgetExceeded(long budget) {
            super("nested archives expand beyond " + budget + " bytes");
        }
    }

    /** Counts what nested archives read against the budget of the top-level archive. */
    private final class Budgeted extends FilterInputStream {
        Budgeted(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                spend(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                spend(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            spend(skipped);
            return skipped;
        }

        @Override
        public void close() {
        }

        private void spend(long bytes) throws NestedBudgetExceeded {
            nestedBytesLeft -= bytes;
            if (nestedBytesLeft < 0) {
                throw new NestedBudgetExceeded(nestedBudget);
            }
        }
    }

    /** Keeps a nested reader from closing the stream it reads from. */
    private static final class Unclosable extends FilterInputStream {
        Unclosable(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
