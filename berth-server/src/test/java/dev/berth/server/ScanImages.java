package dev.berth.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Realistic image content for the scanning tests, built here byte by byte: a Debian 12 base layer with a real
 * {@code dpkg/status} (openssl and zlib at versions with known advisories), an application layer with a Spring-Boot
 * style fat jar carrying log4j-core 2.14.1, a {@code package-lock.json} with lodash 4.17.15 and a Python
 * {@code requests-2.25.0.dist-info}, and a layer that deletes a vulnerable jar an earlier layer added (a whiteout).
 * The packages and versions are those of the vulndb fixture database (berth-vulndb's {@code osv/FIXTURE.md}).
 */
final class ScanImages {
    static final String OS_RELEASE = """
            PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
            NAME="Debian GNU/Linux"
            VERSION_ID="12"
            VERSION="12 (bookworm)"
            VERSION_CODENAME=bookworm
            ID=debian
            """;

    static final String DPKG_STATUS = """
            Package: base-files
            Essential: yes
            Status: install ok installed
            Priority: required
            Section: admin
            Installed-Size: 341
            Maintainer: Santiago Vila <sanvila@debian.org>
            Architecture: amd64
            Multi-Arch: foreign
            Version: 12.4+deb12u5
            Description: Debian base system miscellaneous files

            Package: libssl3
            Status: install ok installed
            Priority: optional
            Section: libs
            Installed-Size: 6160
            Maintainer: Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net>
            Architecture: amd64
            Multi-Arch: same
            Source: openssl
            Version: 3.0.11-1~deb12u2
            Depends: libc6 (>= 2.34)
            Description: Secure Sockets Layer toolkit - shared libraries

            Package: zlib1g
            Status: install ok installed
            Priority: optional
            Section: libs
            Installed-Size: 168
            Maintainer: Mark Brown <broonie@debian.org>
            Architecture: amd64
            Multi-Arch: same
            Source: zlib
            Version: 1:1.2.13.dfsg-1
            Provides: libz1
            Depends: libc6 (>= 2.14)
            Description: compression library - runtime

            """;

    static final String PACKAGE_LOCK = """
            {
              "name": "web",
              "version": "1.0.0",
              "lockfileVersion": 3,
              "requires": true,
              "packages": {
                "": {"name": "web", "version": "1.0.0", "dependencies": {"lodash": "^4.17.15"}},
                "node_modules/lodash": {
                  "version": "4.17.15",
                  "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.15.tgz",
                  "integrity": "sha512-8xOcRHvCjnocdS5cpwXQXVzmmh5e5+saE2QGoeQmbKmRS6J3VQppPOIt0MpmE+O4+tM1UhI2aM0kxyxV3DjHgw=="
                }
              }
            }
            """;

    static final String REQUESTS_METADATA = """
            Metadata-Version: 2.1
            Name: requests
            Version: 2.25.0
            Summary: Python HTTP for Humans.
            Home-page: https://requests.readthedocs.io
            License: Apache 2.0
            """;

    private ScanImages() {}

    /** The Debian 12 base: os-release and dpkg's status. */
    static byte[] baseLayer() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("etc/os-release", utf8(OS_RELEASE));
        files.put("var/lib/dpkg/status", utf8(DPKG_STATUS));
        files.put("etc/debian_version", utf8("12.5\n"));
        return Tar.gzip(Tar.write(files));
    }

    /** The application: a fat jar with log4j-core 2.14.1 nested, an npm lock with lodash, requests' dist-info. */
    static byte[] appLayer() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("app/app.jar", fatJar());
        files.put("app/web/package-lock.json", utf8(PACKAGE_LOCK));
        files.put("usr/lib/python3/dist-packages/requests-2.25.0.dist-info/METADATA", utf8(REQUESTS_METADATA));
        files.put("opt/legacy/log4j-core-2.14.1.jar", log4jJar());
        return Tar.gzip(Tar.write(files));
    }

    /** Deletes the legacy jar the app layer added: its findings must not be reported. */
    static byte[] cleanupLayer() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("opt/legacy/.wh.log4j-core-2.14.1.jar", new byte[0]);
        files.put("app/README", utf8("cleaned up\n"));
        return Tar.gzip(Tar.write(files));
    }

    static byte[] config(String architecture) {
        return ("{\"architecture\":\"" + architecture + "\",\"os\":\"linux\",\"config\":{\"Entrypoint\":"
                + "[\"java\",\"-jar\",\"/app/app.jar\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A Spring Boot style executable jar: the application's classes and its libraries as nested jars. */
    static byte[] fatJar() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("META-INF/MANIFEST.MF", utf8("Manifest-Version: 1.0\r\nMain-Class: "
                + "org.springframework.boot.loader.JarLauncher\r\nStart-Class: com.example.App\r\n\r\n"));
        entries.put("BOOT-INF/classes/com/example/App.class", new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba,
                (byte) 0xbe, 0, 0, 0, 61});
        entries.put("BOOT-INF/lib/log4j-core-2.14.1.jar", log4jJar());
        return zip(entries);
    }

    /** log4j-core 2.14.1 as Maven builds it: its pom.properties under META-INF/maven. */
    static byte[] log4jJar() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("META-INF/MANIFEST.MF", utf8("Manifest-Version: 1.0\r\nImplementation-Title: Apache Log4j Core"
                + "\r\nImplementation-Version: 2.14.1\r\nImplementation-Vendor-Id: org.apache.logging.log4j\r\n\r\n"));
        entries.put("META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties", utf8(
                "artifactId=log4j-core\ngroupId=org.apache.logging.log4j\nversion=2.14.1\n"));
        entries.put("org/apache/logging/log4j/core/lookup/JndiLookup.class", new byte[] {(byte) 0xca, (byte) 0xfe,
                (byte) 0xba, (byte) 0xbe, 0, 0, 0, 52});
        return zip(entries);
    }

    private static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTime(0);
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** An OCI image manifest over a config and gzip layers. */
    static byte[] manifest(byte[] config, byte[]... layers) {
        StringBuilder sb = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + Fixtures.OCI_MANIFEST
                + "\",\"config\":" + Fixtures.descriptor(Fixtures.OCI_CONFIG, config) + ",\"layers\":[");
        for (int i = 0; i < layers.length; i++) {
            sb.append(i == 0 ? "" : ",").append(Fixtures.descriptor(Fixtures.OCI_LAYER, layers[i]));
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An image manifest whose only layer has a media type no scanner reads. */
    static byte[] unknownLayerManifest(byte[] config, byte[] layer) {
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + Fixtures.OCI_MANIFEST + "\",\"config\":"
                + Fixtures.descriptor(Fixtures.OCI_CONFIG, config) + ",\"layers\":["
                + Fixtures.descriptor("application/vnd.example.squashfs.v1", layer) + "]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** An OCI index of two platform images. */
    static byte[] index(byte[] amd64, byte[] arm64) {
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + Fixtures.OCI_INDEX + "\",\"manifests\":["
                + platform(amd64, "amd64") + "," + platform(arm64, "arm64") + "]}").getBytes(StandardCharsets.UTF_8);
    }

    private static String platform(byte[] manifest, String architecture) {
        String d = Fixtures.descriptor(Fixtures.OCI_MANIFEST, manifest);
        return d.substring(0, d.length() - 1) + ",\"platform\":{\"architecture\":\"" + architecture
                + "\",\"os\":\"linux\"}}";
    }
}
