package dev.berth.scan.detect;

import dev.berth.scan.OsRelease;
import dev.berth.scan.Package;
import dev.berth.scan.layer.ImageFile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Runs one detector over files given in a test, the way the scanner would. */
final class Detectors {
    private Detectors() {
    }

    static Distribution distribution(String id, String versionId) {
        return new Distribution(Optional.of(new OsRelease(id, versionId, "")));
    }

    /** Offers the file (if wanted) and returns whether the detector wanted it. */
    static boolean offer(Detector detector, String path, byte[] content, int mode) {
        ImageFile file = new ImageFile(path, content.length, mode);
        if (!detector.wants(file)) {
            return false;
        }
        try {
            detector.read(file, new ByteArrayInputStream(content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    static boolean offer(Detector detector, String path, String content) {
        return offer(detector, path, content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    static List<Package> packages(Detector detector, Distribution distribution) {
        return detector.packages(distribution);
    }
}
