package dev.berth.scan.detect;

import dev.berth.scan.Package;
import dev.berth.scan.layer.ImageFile;
import dev.berth.scan.layer.ImagePath;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Installed Python distributions: {@code <name>-<version>.dist-info/METADATA} (wheels, pip) and
 * {@code <name>.egg-info/PKG-INFO} or a bare {@code <name>.egg-info} file (setuptools, distutils). Name and Version
 * come from the metadata headers; the name is kept as written (advisory matching normalises it, PEP 503), the purl
 * uses the normalised form.
 */
public final class PythonDetector implements Detector {
    private record Installed(String name, String version, String location) {
    }

    private final Set<Installed> installed = new LinkedHashSet<>();

    @Override
    public boolean wants(ImageFile file) {
        String name = file.fileName();
        String directory = ImagePath.fileName(ImagePath.parent(file.path()));
        return (name.equals("METADATA") && directory.endsWith(".dist-info"))
                || (name.equals("PKG-INFO") && directory.endsWith(".egg-info"))
                || name.endsWith(".egg-info");
    }

    @Override
    public void read(ImageFile file, InputStream content) throws IOException {
        TextFiles.Lines lines = TextFiles.lines(content);
        String name = null;
        String version = null;
        String line;
        // Headers end at the first blank line; the description that follows can be long and is not read.
        while ((line = lines.readLine()) != null && !line.isEmpty() && (name == null || version == null)) {
            if (line.regionMatches(true, 0, "Name:", 0, 5)) {
                name = line.substring(5).strip();
            } else if (line.regionMatches(true, 0, "Version:", 0, 8)) {
                version = line.substring(8).strip();
            }
        }
        if (name != null && !name.isEmpty() && version != null && !version.isEmpty()) {
            installed.add(new Installed(name, version, file.path()));
        }
    }

    /** PEP 503 normalisation: lower case, runs of "-", "_" and "." become one "-". */
    static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    @Override
    public List<Package> packages(Distribution distribution) {
        List<Package> packages = new ArrayList<>(installed.size());
        for (Installed p : installed) {
            String purl = Purl.of("pypi", normalize(p.name())).version(p.version()).toString();
            packages.add(new Package("PyPI", p.name(), p.version(), p.name(), p.version(), purl, p.location()));
        }
        return packages;
    }
}
