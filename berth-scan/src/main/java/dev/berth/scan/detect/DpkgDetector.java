package dev.berth.scan.detect;

import dev.berth.scan.Package;
import dev.berth.scan.layer.ImageFile;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Debian and Ubuntu packages from dpkg's database: {@code /var/lib/dpkg/status}, and the one-paragraph files of
 * distroless images in {@code /var/lib/dpkg/status.d/}. Only installed packages count (Status ending in
 * "installed"; distroless files without a Status field are installed by construction). The source package comes
 * from {@code Source: name} or {@code Source: name (version)}.
 */
public final class DpkgDetector implements Detector {
    static final String STATUS = "/var/lib/dpkg/status";
    static final String STATUS_D = "/var/lib/dpkg/status.d/";

    private record Installed(String name, String version, String architecture, String sourceName,
                             String sourceVersion, String location) {
    }

    private final List<Installed> installed = new ArrayList<>();

    @Override
    public boolean wants(ImageFile file) {
        String path = file.path();
        return path.equals(STATUS)
                || (path.startsWith(STATUS_D) && path.indexOf('/', STATUS_D.length()) < 0
                && !path.endsWith(".md5sums"));
    }

    @Override
    public void read(ImageFile file, InputStream content) throws IOException {
        boolean distroless = file.path().startsWith(STATUS_D);
        ControlParagraphs.forEach(TextFiles.lines(content), fields -> accept(fields, distroless, file.path()));
    }

    private void accept(Map<String, String> fields, boolean distroless, String location) {
        String name = fields.get("Package");
        String version = fields.get("Version");
        String status = fields.get("Status");
        if (name == null || version == null || (status == null && !distroless)
                || (status != null && !status.endsWith(" installed"))) {
            return;
        }
        String sourceName = name;
        String sourceVersion = version;
        String source = fields.get("Source");
        if (source != null && !source.isEmpty()) {
            int open = source.indexOf('(');
            int close = source.lastIndexOf(')');
            if (open > 0 && close > open) {
                sourceName = source.substring(0, open).strip();
                sourceVersion = source.substring(open + 1, close).strip();
            } else {
                sourceName = source.strip();
            }
        }
        installed.add(new Installed(name, version, fields.getOrDefault("Architecture", ""), sourceName,
                sourceVersion, location));
    }

    @Override
    public List<Package> packages(Distribution distribution) {
        String ecosystem = distribution.dpkgEcosystem();
        List<Package> packages = new ArrayList<>(installed.size());
        for (Installed p : installed) {
            String purl = Purl.of("deb", p.name()).namespace(distribution.purlNamespace("debian"))
                    .version(p.version()).qualifier("arch", p.architecture())
                    .qualifier("distro", distribution.purlDistro()).toString();
            packages.add(new Package(ecosystem, p.name(), p.version(), p.sourceName(), p.sourceVersion(), purl,
                    p.location()));
        }
        return packages;
    }
}
