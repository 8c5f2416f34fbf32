package dev.berth.scan;

import dev.berth.scan.detect.ApkDetector;
import dev.berth.scan.detect.Detector;
import dev.berth.scan.detect.Distribution;
import dev.berth.scan.detect.DpkgDetector;
import dev.berth.scan.detect.GoBinaryDetector;
import dev.berth.scan.detect.JavaArchiveDetector;
import dev.berth.scan.detect.NpmDetector;
import dev.berth.scan.detect.OsReleaseReader;
import dev.berth.scan.detect.PythonDetector;
import dev.berth.scan.detect.RpmDbDetector;
import dev.berth.scan.layer.ImageFile;
import dev.berth.scan.layer.LayerWalker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds what is installed in one image (one platform): reads its layers once, as streams, applying whiteouts, and
 * hands every visible file to the detector that wants it (each file goes to one detector at most; executables that
 * no other detector claims are checked for Go build info). Thread-safe: every scan has its own walker and detectors.
 */
public final class ImageScanner {
    private static final Comparator<Package> ORDER = Comparator.comparing(Package::ecosystem)
            .thenComparing(Package::name).thenComparing(Package::version).thenComparing(Package::location)
            .thenComparing(Package::purl);

    private final Path tempDirectory;

    /** @param tempDirectory where package databases that need a file (rpm's sqlite) are spooled, briefly */
    public ImageScanner(Path tempDirectory) {
        this.tempDirectory = Objects.requireNonNull(tempDirectory, "tempDirectory");
    }

    /** A scanner spooling to {@code java.io.tmpdir}. */
    public ImageScanner() {
        this(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * Scans an image.
     *
     * @param layers the image's layers in manifest order (base layer first)
     * @return the distribution and packages, sorted by ecosystem, name, version and location
     * @throws ScanException when a layer has a media type Berth does not read (UNSUPPORTED) or cannot be read as
     *                       the tar its media type promises (CORRUPT)
     */
    public Inventory scan(List<LayerSource> layers) throws ScanException {
        OsReleaseReader osRelease = new OsReleaseReader();
        List<Detector> detectors = List.of(new DpkgDetector(), new ApkDetector(), new RpmDbDetector(tempDirectory),
                new JavaArchiveDetector(), new NpmDetector(), new PythonDetector(), new GoBinaryDetector());
        new LayerWalker().walk(layers, (file, content) -> dispatch(file, content, osRelease, detectors));

        Optional<OsRelease> release = osRelease.release();
        Distribution distribution = new Distribution(release);
        // The same package from the same file can be reported twice (a jar listing one pom.properties twice).
        LinkedHashSet<Package> packages = new LinkedHashSet<>();
        for (Detector detector : detectors) {
            packages.addAll(detector.packages(distribution));
        }
        List<Package> sorted = new ArrayList<>(packages);
        sorted.sort(ORDER);
        return new Inventory(release, sorted);
    }

    private static void dispatch(ImageFile file, InputStream content, OsReleaseReader osRelease,
                                 List<Detector> detectors) throws IOException {
        if (osRelease.wants(file)) {
            osRelease.read(file, content);
            return;
        }
        for (Detector detector : detectors) {
            if (detector.wants(file)) {
                detector.read(file, content);
                return;
            }
        }
    }
}
