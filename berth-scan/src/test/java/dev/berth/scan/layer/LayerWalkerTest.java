package dev.berth.scan.layer;

import dev.berth.scan.LayerSource;
import dev.berth.scan.ScanException;
import dev.berth.scan.testing.TestLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LayerWalkerTest {

    /** Path → content of every visited file. */
    private static Map<String, String> visible(LayerSource... layers) throws ScanException {
        Map<String, String> files = new TreeMap<>();
        new LayerWalker().walk(List.of(layers), (file, content) -> {
            String previous = files.put(file.path(), new String(content.readAllBytes(), StandardCharsets.UTF_8));
            assertThat(previous).as("visited twice: " + file.path()).isNull();
        });
        return files;
    }

    @Test
    void upperLayerReplacesAFileAndMergesDirectories() throws ScanException {
        LayerSource base = TestLayer.create().directory("etc").file("etc/a", "base a").file("etc/b", "base b")
                .asGzip();
        LayerSource top = TestLayer.create().file("etc/a", "top a").file("etc/c", "top c").asGzip();

        assertThat(visible(base, top)).isEqualTo(Map.of("/etc/a", "top a", "/etc/b", "base b", "/etc/c", "top c"));
    }

    @Test
    void whiteoutDeletesAFileOrADirectoryBelowOnly() throws ScanException {
        LayerSource base = TestLayer.create().file("app/lib/vulnerable.jar", "old").file("app/lib/keep.jar", "k")
                .file("opt/tool/bin/x", "x").file("opt/tool/README", "r").asGzip();
        LayerSource top = TestLayer.create().whiteout("app/lib/vulnerable.jar").whiteout("opt/tool").asGzip();

        assertThat(visible(base, top)).isEqualTo(Map.of("/app/lib/keep.jar", "k"));
    }

    @Test
    void whiteoutDoesNotDeleteTheSameLayersFile() throws ScanException {
        LayerSource only = TestLayer.create().file("a/file", "same layer").whiteout("a/file").asTar();

        assertThat(visible(only)).isEqualTo(Map.of("/a/file", "same layer"));
    }

    @Test
    void fileRecreatedAboveAWhiteoutIsVisible() throws ScanException {
        LayerSource base = TestLayer.create().file("etc/conf", "1").asGzip();
        LayerSource middle = TestLayer.create().whiteout("etc/conf").asGzip();
        LayerSource top = TestLayer.create().file("etc/conf", "3").asGzip();

        assertThat(visible(base, middle, top)).isEqualTo(Map.of("/etc/conf", "3"));
    }

    @Test
    void opaqueDirectoryHidesEverythingBelowButKeepsItsOwnLayer() throws ScanException {
        LayerSource base = TestLayer.create().file("srv/old/a", "a").file("srv/b", "b").file("srvx/c", "c")
                .asGzip();
        LayerSource top = TestLayer.create().directory("srv").opaque("srv").file("srv/new", "n").asGzip();

        assertThat(visible(base, top)).isEqualTo(Map.of("/srv/new", "n", "/srvx/c", "c"));
    }

    @Test
    void directoryReplacedByASymlinkOrFileHidesItsContent() throws ScanException {
        LayerSource base = TestLayer.create().file("var/lib/rpm/rpmdb.sqlite", "db").file("data/x", "x")
                .asGzip();
        LayerSource top = TestLayer.create().symlink("var/lib/rpm", "../../usr/lib/sysimage/rpm")
                .file("data", "now a file").asGzip();

        assertThat(visible(base, top)).isEqualTo(Map.of("/data", "now a file"));
    }

    @Test
    void linksAreNotVisitedAndSymlinkShadowsALowerFile() throws ScanException {
        LayerSource base = TestLayer.create().file("etc/os-release", "old").file("usr/lib/os-release", "new")
                .asGzip();
        LayerSource top = TestLayer.create().symlink("etc/os-release", "../usr/lib/os-release")
                .file("bin/busybox", "bb").hardlink("bin/sh", "bin/busybox").asGzip();

        assertThat(visible(base, top)).isEqualTo(Map.of("/usr/lib/os-release", "new", "/bin/busybox", "bb"));
    }

    @Test
    void namesAreNormalisedAcrossLayers() throws ScanException {
        LayerSource base = TestLayer.create().file("./usr/lib/x", "base").file("/usr/share/y", "y").asTar();
        LayerSource top = TestLayer.create().file("usr//lib/./x", "top").asTar();

        assertThat(visible(base, top)).isEqualTo(Map.of("/usr/lib/x", "top", "/usr/share/y", "y"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void longNamesInPaxAndGnuFormats(boolean gnu) throws ScanException {
        String deep = "usr/lib/node_modules/" + "very-long-directory-name/".repeat(8) + "package.json";
        TestLayer layer = TestLayer.create().file(deep, "{}");
        if (gnu) {
            layer.gnuLongNames();
        }
        assertThat(visible(layer.asGzip())).containsOnlyKeys("/" + deep);
    }

    @Test
    void readsUncompressedGzipAndZstdLayersOfEveryMediaType() throws ScanException {
        TestLayer layer = TestLayer.create().file("f", "content");
        for (String mediaType : List.of("application/vnd.oci.image.layer.v1.tar",
                "application/vnd.oci.image.layer.nondistributable.v1.tar",
                "application/vnd.docker.image.rootfs.diff.tar")) {
            assertThat(visible(TestLayer.source(mediaType, layer.tar()))).containsEntry("/f", "content");
        }
        for (String mediaType : List.of("application/vnd.oci.image.layer.v1.tar+gzip",
                "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
                "application/vnd.docker.image.rootfs.diff.tar.gzip",
                "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip")) {
            assertThat(visible(TestLayer.source(mediaType, layer.gzip()))).containsEntry("/f", "content");
        }
        for (String mediaType : List.of("application/vnd.oci.image.layer.v1.tar+zstd",
                "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd")) {
            assertThat(visible(TestLayer.source(mediaType, layer.zstd()))).containsEntry("/f", "content");
        }
    }

    @Test
    void unknownMediaTypeIsUnsupportedBeforeAnyLayerIsRead() {
        LayerSource good = TestLayer.create().file("f", "x").asGzip();
        LayerSource helm = new LayerSource("application/vnd.cncf.helm.chart.content.v1.tar+gzip", "sha256:abc",
                () -> {
                    throw new AssertionError("must not be opened");
                });

        assertThatThrownBy(() -> visible(good, helm))
                .isInstanceOfSatisfying(ScanException.class,
                        e -> assertThat(e.reason()).isEqualTo(ScanException.Reason.UNSUPPORTED))
                .hasMessageContaining("sha256:abc").hasMessageContaining("helm.chart");
    }

    @Test
    void corruptOrTruncatedLayersAreReportedAsCorrupt() {
        byte[] gzip = TestLayer.create().file("a", "x".repeat(100_000)).file("b", "y").gzip();
        byte[] garbage = "this is not gzip".getBytes(StandardCharsets.UTF_8);
        byte[] truncated = Arrays.copyOf(gzip, gzip.length / 2);
        byte[] zstdClaimedGzip = TestLayer.create().file("a", "x").zstd();

        for (LayerSource layer : List.of(TestLayer.source(TestLayer.OCI_GZIP, garbage),
                TestLayer.source(TestLayer.OCI_GZIP, truncated),
                TestLayer.source(TestLayer.OCI_GZIP, zstdClaimedGzip),
                TestLayer.source(TestLayer.OCI_ZSTD, gzip))) {
            assertThatThrownBy(() -> visible(layer))
                    .isInstanceOfSatisfying(ScanException.class,
                            e -> assertThat(e.reason()).isEqualTo(ScanException.Reason.CORRUPT))
                    .hasMessageContaining("could not be read");
        }
    }

    @Test
    void aFileTheVisitorCannotParseIsSkippedButALayerFailureIsNot() throws ScanException {
        LayerSource layer = TestLayer.create().file("bad", "x").file("good", "y").asGzip();
        Map<String, String> seen = new TreeMap<>();
        new LayerWalker().walk(List.of(layer), (file, content) -> {
            if (file.path().equals("/bad")) {
                throw new IOException("not a jar");
            }
            seen.put(file.path(), new String(content.readAllBytes(), StandardCharsets.UTF_8));
        });
        assertThat(seen).isEqualTo(Map.of("/good", "y"));

        byte[] gzip = TestLayer.create().file("big", "z".repeat(500_000)).gzip();
        LayerSource truncated = TestLayer.source(TestLayer.OCI_GZIP, Arrays.copyOf(gzip, gzip.length - 100));
        FileVisitor swallowing = (file, content) -> {
            try {
                content.readAllBytes();
            } catch (IOException swallowed) {
                // a careless detector
            }
        };
        assertThatThrownBy(() -> new LayerWalker().walk(List.of(truncated), swallowing))
                .isInstanceOf(ScanException.class);
    }

    @Test
    void visitorMayStopReadingEarly() throws ScanException {
        LayerSource layer = TestLayer.create().file("a", "a".repeat(200_000)).file("b", "bee").asZstd();
        Map<String, String> seen = new TreeMap<>();
        new LayerWalker().walk(List.of(layer), (file, content) -> {
            InputStream in = content;
            seen.put(file.path(), new String(in.readNBytes(3), StandardCharsets.UTF_8));
        });
        assertThat(seen).isEqualTo(Map.of("/a", "aaa", "/b", "bee"));
    }
}
