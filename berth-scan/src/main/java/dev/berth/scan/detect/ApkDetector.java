package dev.berth.scan.detect;

import dev.berth.scan.Package;
import dev.berth.scan.layer.ImageFile;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Alpine (and Wolfi) packages from apk's database {@code /lib/apk/db/installed}: one record per package, blank-line
 * separated, "P:" name, "V:" version, "A:" architecture, "o:" origin (the source package advisories are filed
 * under).
 */
public final class ApkDetector implements Detector {
    static final String INSTALLED = "/lib/apk/db/installed";

    private record Installed(String name, String version, String architecture, String origin, String location) {
    }

    private final List<Installed> installed = new ArrayList<>();

    @Override
    public boolean wants(ImageFile file) {
        return file.path().equals(INSTALLED);
    }

    @Override
    public void read(ImageFile file, InputStream content) throws IOException {
        TextFiles.Lines lines = TextFiles.lines(content);
        String name = null;
        String version = null;
        String architecture = "";
        String origin = "";
        String line;
        do {
            line = lines.readLine();
            if (line == null || line.isBlank()) {
                if (name != null && version != null) {
                    installed.add(new Installed(name, version, architecture, origin, file.path()));
                }
                name = null;
                version = null;
                architecture = "";
                origin = "";
            } else if (line.length() >= 2 && line.charAt(1) == ':') {
                String value = line.substring(2);
                switch (line.charAt(0)) {
                    case 'P' -> name = value;
                    case 'V' -> version = value;
                    case 'A' -> architecture = value;
                    case 'o' -> origin = value;
                    default -> {
                    }
                }
            }
        } while (line != null);
    }

    @Override
    public List<Package> packages(Distribution distribution) {
        String ecosystem = distribution.apkEcosystem();
        List<Package> packages = new ArrayList<>(installed.size());
        for (Installed p : installed) {
            String purl = Purl.of("apk", p.name()).namespace(distribution.purlNamespace("alpine"))
                    .version(p.version()).qualifier("arch", p.architecture())
                    .qualifier("distro", distribution.purlDistro()).toString();
            packages.add(new Package(ecosystem, p.name(), p.version(), p.origin(), p.version(), purl,
                    p.location()));
        }
        return packages;
    }
}
