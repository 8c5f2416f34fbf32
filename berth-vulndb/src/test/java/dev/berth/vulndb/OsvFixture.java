package dev.berth.vulndb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The fixture OSV database of {@code src/test/resources/osv} (see its FIXTURE.md for the packages and the expected
 * findings), written out as a directory or an OSV-style export zip. Published in this module's test-jar, so other
 * modules' tests (the server's end-to-end scans) import exactly the same advisories.
 */
public final class OsvFixture {
    /** Every advisory file, relative to the fixture root. */
    public static final List<String> FILES = List.of(
            "Maven/GHSA-jfh8-c2jp-5v3q.json",
            "Maven/GHSA-7rjr-3q55-vv33.json",
            "Maven/GHSA-p6xc-xr62-6r2g.json",
            "Maven/GHSA-8489-44mv-ggj8.json",
            "npm/GHSA-p6mc-m468-83gw.json",
            "npm/GHSA-35jh-r3h4-6jhm.json",
            "npm/GHSA-29mw-wpgm-hmr9.json",
            "PyPI/GHSA-j8r2-6x86-q33q.json",
            "PyPI/GHSA-9wx4-h78v-vm56.json",
            "Debian/DEBIAN-CVE-2024-2511.json",
            "Debian/DEBIAN-CVE-2023-45853.json",
            "Go/GO-2023-2102.json");

    private OsvFixture() {}

    /** Writes the fixture as a directory tree under {@code target}; returns {@code target}. */
    public static Path writeDirectory(Path target) {
        try {
            for (String file : FILES) {
                Path out = target.resolve(file);
                Files.createDirectories(out.getParent());
                try (InputStream in = open(file)) {
                    Files.copy(in, out);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the fixture as one zip of {@code <ID>.json} entries, like OSV's {@code all.zip}; returns the file. */
    public static Path writeZip(Path zipFile) {
        try (OutputStream out = Files.newOutputStream(zipFile); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String file : FILES) {
                zip.putNextEntry(new ZipEntry(file.substring(file.indexOf('/') + 1)));
                try (InputStream in = open(file)) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
            return zipFile;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of one fixture file. */
    public static byte[] read(String file) {
        try (InputStream in = open(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String file) throws IOException {
        InputStream in = OsvFixture.class.getResourceAsStream("/osv/" + file);
        if (in == null) {
            throw new IOException("fixture file missing from the classpath: /osv/" + file);
        }
        return in;
    }
}
