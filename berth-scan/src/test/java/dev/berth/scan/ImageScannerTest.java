package dev.berth.scan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdOutputStream;
import dev.berth.oci.Digest;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;
import dev.berth.scan.layer.LayerCompression;
import dev.berth.scan.sbom.CycloneDxWriter;
import dev.berth.scan.sbom.SbomSubject;
import dev.berth.scan.testing.Fixtures;
import dev.berth.scan.testing.TestLayer;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Whole images, built here layer by layer the way real ones are, scanned end to end. */
class ImageScannerTest {
    @TempDir
    Path temp;

    /**
     * A Debian 12 application image: base OS layer (gzip), a layer adding a Java app, node app and Python
     * library (zstd), a layer that removes a vulnerable jar and replaces a directory (uncompressed tar), and one
     * with a Go binary.
     */
    private List<LayerSource> debianApplicationImage() {
        LayerSource base = TestLayer.create()
                .directory("etc").symlink("etc/os-release", "../usr/lib/os-release")
                .file("usr/lib/os-release", Fixtures.DEBIAN_12_OS_RELEASE)
                .file("var/lib/dpkg/status", Fixtures.DEBIAN_12_DPKG_STATUS)
                .file("usr/lib/x86_64-linux-gnu/libssl.so.3", new byte[2048], 0644)
                .asGzip();
        LayerSource apps = TestLayer.create()
                .file("app/app.jar", Fixtures.springBootJar())
                .file("opt/tools/lib/log4j-core-2.14.1.jar",
                        Fixtures.mavenJar("org.apache.logging.log4j", "log4j-core", "2.14.1"))
                .file("srv/shop/package-lock.json", Fixtures.PACKAGE_LOCK_V3)
                .file("srv/shop/package.json", Fixtures.packageJson("shop", "1.0.0"))
                .file("srv/shop/node_modules/lodash/package.json", Fixtures.packageJson("lodash", "4.17.15"))
                .file("usr/lib/python3/dist-packages/requests-2.25.0.dist-info/METADATA",
                        Fixtures.pythonMetadata("requests", "2.25.0"))
                .file("opt/legacy/lib/commons-collections-3.2.1.jar",
                        Fixtures.mavenJar("commons-collections", "commons-collections", "3.2.1"))
                .asZstd();
        LayerSource cleanup = TestLayer.create()
                .whiteout("opt/tools/lib/log4j-core-2.14.1.jar")
                .directory("opt/legacy").opaque("opt/legacy")
                .file("opt/legacy/README", "replaced")
                .asTar();
        LayerSource go = TestLayer.create()
                .file("usr/local/bin/server", Fixtures.goBinary("go1.21.5", Fixtures.GO_MODULE_INFO), 0755)
                .asGzip();
        return List.of(base, apps, cleanup, go);
    }

    @Test
    void debianImageWithApplications() throws ScanException {
        Inventory inventory = new ImageScanner(temp).scan(debianApplicationImage());

        assertThat(inventory.os()).contains(new OsRelease("debian", "12", "Debian GNU/Linux 12 (bookworm)"));
        assertThat(inventory.packages()).extracting(Package::ecosystem, Package::name, Package::version,
                Package::location).containsExactly(
                tuple("Debian:12", "libc6", "2.36-9+deb12u3", "/var/lib/dpkg/status"),
                tuple("Debian:12", "libssl3", "3.0.11-1~deb12u2", "/var/lib/dpkg/status"),
                tuple("Debian:12", "libxxhash0", "0.8.1-1+b1", "/var/lib/dpkg/status"),
                tuple("Debian:12", "openssl", "3.0.11-1~deb12u2", "/var/lib/dpkg/status"),
                tuple("Debian:12", "zlib1g", "1:1.2.13.dfsg-1", "/var/lib/dpkg/status"),
                tuple("Go", "example.com/api", "v1.4.0", "/usr/local/bin/server"),
                tuple("Go", "github.com/gorilla/mux", "v1.8.0", "/usr/local/bin/server"),
                tuple("Go", "github.com/someone/forked", "v1.0.1-fix", "/usr/local/bin/server"),
                tuple("Go", "golang.org/x/net", "v0.17.0", "/usr/local/bin/server"),
                tuple("Go", "stdlib", "v1.21.5", "/usr/local/bin/server"),
                tuple("Maven", "com.example.legacy:legacy-util", "1.4",
                        "/app/app.jar!/BOOT-INF/lib/legacy-util-1.4.jar"),
                tuple("Maven", "com.example:shop", "0.0.1-SNAPSHOT", "/app/app.jar"),
                tuple("Maven", "org.apache.logging.log4j:log4j-api", "2.14.1",
                        "/app/app.jar!/BOOT-INF/lib/log4j-api-2.14.1.jar"),
                tuple("Maven", "org.apache.logging.log4j:log4j-core", "2.14.1",
                        "/app/app.jar!/BOOT-INF/lib/log4j-core-2.14.1.jar"),
                tuple("PyPI", "requests", "2.25.0",
                        "/usr/lib/python3/dist-packages/requests-2.25.0.dist-info/METADATA"),
                tuple("npm", "debug", "2.6.9", "/srv/shop/package-lock.json"),
                tuple("npm", "lodash", "4.17.15", "/srv/shop/node_modules/lodash/package.json"),
                tuple("npm", "ms", "2.0.0", "/srv/shop/package-lock.json"));
        // The deleted jar (whiteout) and the jar under the opaque directory are gone.
        assertThat(inventory.packages()).noneMatch(p -> p.location().startsWith("/opt/"));
    }

    @Test
    void theScannedImagesSbomIsValidCycloneDx() throws Exception {
        Inventory inventory = new ImageScanner(temp).scan(debianApplicationImage());
        byte[] bom = new CycloneDxWriter("test").write(inventory,
                new SbomSubject(RepositoryName.parse("team/shop"),
                        Optional.of(Tag.parse("latest")),
                        Digest.parse("sha256:" + "ab".repeat(32))));
        assertThat(new JsonParser().validate(bom, Version.VERSION_16)).isEmpty();
        assertThat(new ObjectMapper().readTree(bom).path("components"))
                .hasSize(inventory.packages().size() + 1);
    }

    @Test
    void theSameImageScansTheSameWhateverTheCompression() throws ScanException {
        Inventory asBuilt = new ImageScanner(temp).scan(debianApplicationImage());
        for (Function<byte[], LayerSource> recompress : List.<Function<byte[],
                LayerSource>>of(tar -> TestLayer.source(TestLayer.OCI_TAR, tar),
                tar -> TestLayer.source(TestLayer.DOCKER_GZIP, gzip(tar)),
                tar -> TestLayer.source(TestLayer.OCI_ZSTD, zstd(tar)))) {
            List<LayerSource> image = new ArrayList<>();
            for (LayerSource layer : debianApplicationImage()) {
                image.add(recompress.apply(tarOf(layer)));
            }
            assertThat(new ImageScanner(temp).scan(image)).isEqualTo(asBuilt);
        }
    }

    private static byte[] tarOf(LayerSource layer) {
        try (InputStream stored = layer.opener().open()) {
            return LayerCompression.forMediaType(layer.mediaType()).orElseThrow()
                    .decompress(stored).readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] tar) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(bytes)) {
            out.write(tar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] zstd(byte[] tar) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ZstdOutputStream(bytes)) {
            out.write(tar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Test
    void alpineImage() throws ScanException {
        List<LayerSource> image = List.of(TestLayer.create()
                .file("etc/os-release", Fixtures.ALPINE_OS_RELEASE)
                .file("lib/apk/db/installed", Fixtures.ALPINE_INSTALLED)
                .asGzip());

        Inventory inventory = new ImageScanner(temp).scan(image);
        assertThat(inventory.os()).map(OsRelease::versionId).contains("3.19.1");
        assertThat(inventory.packages()).extracting(Package::ecosystem, Package::name, Package::sourceName)
                .containsExactly(tuple("Alpine:v3.19", "busybox-binsh", "busybox"),
                        tuple("Alpine:v3.19", "libcrypto3", "openssl"),
                        tuple("Alpine:v3.19", "musl", "musl"));
    }

    @Test
    void rockyImageWithSqliteRpmDatabaseUnderTheSysimagePath() throws Exception {
        Path spool = Files.createDirectory(temp.resolve("spool"));
        List<LayerSource> image = List.of(TestLayer.create()
                .file("etc/os-release", Fixtures.ROCKY_OS_RELEASE)
                .file("usr/lib/sysimage/rpm/rpmdb.sqlite", Fixtures.rpmDb(temp, Fixtures.ROCKY_9_RPMS))
                .symlink("var/lib/rpm", "../../usr/lib/sysimage/rpm")
                .asZstd());

        Inventory inventory = new ImageScanner(spool).scan(image);
        assertThat(inventory.packages()).extracting(Package::ecosystem, Package::name, Package::version)
                .containsExactly(tuple("Rocky Linux", "bash", "5.1.8-6.el9_1"),
                        tuple("Rocky Linux", "openssl-libs", "1:3.0.7-24.el9"),
                        tuple("Rocky Linux", "tzdata", "2023c-1.el9"));
        try (var left = Files.list(spool)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void distrolessImage() throws ScanException {
        List<LayerSource> image = List.of(TestLayer.create()
                .file("etc/os-release", Fixtures.DEBIAN_12_OS_RELEASE)
                .file("var/lib/dpkg/status.d/tzdata", Fixtures.DISTROLESS_TZDATA)
                .file("var/lib/dpkg/status.d/tzdata.md5sums", "d41d8cd98f00b204e9800998ecf8427e  usr/share/x\n")
                .asGzip());

        assertThat(new ImageScanner(temp).scan(image).packages())
                .extracting(Package::ecosystem, Package::name).containsExactly(tuple("Debian:12", "tzdata"));
    }

    @Test
    void aPackageDatabaseDeletedByALaterLayerIsNotReported() throws ScanException {
        LayerSource base = TestLayer.create().file("etc/os-release", Fixtures.DEBIAN_12_OS_RELEASE)
                .file("var/lib/dpkg/status", Fixtures.DEBIAN_12_DPKG_STATUS)
                .file("usr/lib/python3/dist-packages/requests-2.25.0.dist-info/METADATA",
                        Fixtures.pythonMetadata("requests", "2.25.0")).asGzip();
        LayerSource upgrade = TestLayer.create()
                .whiteout("usr/lib/python3/dist-packages/requests-2.25.0.dist-info")
                .file("usr/lib/python3/dist-packages/requests-2.31.0.dist-info/METADATA",
                        Fixtures.pythonMetadata("requests", "2.31.0"))
                .file("var/lib/dpkg/status", """
                        Package: zlib1g
                        Status: install ok installed
                        Architecture: amd64
                        Source: zlib
                        Version: 1:1.2.13.dfsg-1
                        """).asGzip();

        Inventory inventory = new ImageScanner(temp).scan(List.of(base, upgrade));
        assertThat(inventory.packages()).extracting(Package::name, Package::version)
                .containsExactly(tuple("zlib1g", "1:1.2.13.dfsg-1"), tuple("requests", "2.31.0"));
    }

    @Test
    void noOsReleaseAndNoPackagesIsAnEmptyInventory() throws ScanException {
        Inventory inventory = new ImageScanner(temp).scan(List.of(TestLayer.create()
                .file("hello", "static binary, not ELF").asTar()));
        assertThat(inventory.os()).isEmpty();
        assertThat(inventory.packages()).isEmpty();
        assertThat(new ImageScanner(temp).scan(List.of()).packages()).isEmpty();
    }

    @Test
    void brokenFilesAreSkippedButABrokenLayerFailsTheScan() throws ScanException {
        LayerSource layer = TestLayer.create()
                .file("app/broken.jar", "PK but not really a zip")
                .file("srv/x/package-lock.json", "{not json")
                .file("var/lib/rpm/rpmdb.sqlite", "not sqlite")
                .file("usr/lib/python3/dist-packages/requests-2.25.0.dist-info/METADATA",
                        Fixtures.pythonMetadata("requests", "2.25.0"))
                .asGzip();
        assertThat(new ImageScanner(temp).scan(List.of(layer)).packages()).extracting(Package::name)
                .containsExactly("requests");

        LayerSource notATar = TestLayer.source(TestLayer.OCI_GZIP, new byte[]{0x1f, (byte) 0x8b, 8, 0, 0});
        assertThatThrownBy(() -> new ImageScanner(temp).scan(List.of(layer, notATar)))
                .isInstanceOfSatisfying(ScanException.class,
                        e -> assertThat(e.reason()).isEqualTo(ScanException.Reason.CORRUPT));
    }
}
