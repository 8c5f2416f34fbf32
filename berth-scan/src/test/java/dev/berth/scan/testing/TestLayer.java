package dev.berth.scan.testing;

import com.github.luben.zstd.ZstdOutputStream;
import dev.berth.scan.LayerSource;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** A layer built in a test: entries in order, written as tar, tar+gzip or tar+zstd. */
public final class TestLayer {
    public static final String OCI_TAR = "application/vnd.oci.image.layer.v1.tar";
    public static final String OCI_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String OCI_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
    public static final String DOCKER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    private interface Entry {
        void writeTo(TarArchiveOutputStream tar) throws IOException;
    }

    private final List<Entry> entries = new ArrayList<>();
    private int tarFormat = TarArchiveOutputStream.LONGFILE_POSIX;

    public static TestLayer create() {
        return new TestLayer();
    }

    /** Long names as GNU ././@LongLink entries instead of PAX headers. */
    public TestLayer gnuLongNames() {
        tarFormat = TarArchiveOutputStream.LONGFILE_GNU;
        return this;
    }

    public TestLayer file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    public TestLayer file(String name, byte[] content) {
        return file(name, content, 0644);
    }

    public TestLayer file(String name, byte[] content, int mode) {
        entries.add(tar -> {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(content.length);
            entry.setMode(mode);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        });
        return this;
    }

    public TestLayer directory(String name) {
        entries.add(tar -> {
            TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
            entry.setMode(0755);
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
        });
        return this;
    }

    public TestLayer symlink(String name, String target) {
        return link(name, target, TarConstants.LF_SYMLINK);
    }

    public TestLayer hardlink(String name, String target) {
        return link(name, target, TarConstants.LF_LINK);
    }

    private TestLayer link(String name, String target, byte type) {
        entries.add(tar -> {
            TarArchiveEntry entry = new TarArchiveEntry(name, type);
            entry.setLinkName(target);
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
        });
        return this;
    }

    /** Deletes {@code path} (and what is under it) from the layers below. */
    public TestLayer whiteout(String path) {
        int slash = path.lastIndexOf('/');
        return file(path.substring(0, slash + 1) + ".wh." + path.substring(slash + 1), new byte[0]);
    }

    /** Hides everything the layers below have under {@code directory}. */
    public TestLayer opaque(String directory) {
        return file(directory + "/.wh..wh..opq", new byte[0]);
    }

    public void writeTar(OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(tarFormat);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        for (Entry entry : entries) {
            entry.writeTo(tar);
        }
        tar.finish();
        tar.flush();
    }

    public byte[] tar() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            writeTar(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public byte[] gzip() {
        return compress(false);
    }

    public byte[] zstd() {
        return compress(true);
    }

    private byte[] compress(boolean zstd) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = zstd ? new ZstdOutputStream(bytes) : new GZIPOutputStream(bytes)) {
            writeTar(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public LayerSource asTar() {
        return source(OCI_TAR, tar());
    }

    public LayerSource asGzip() {
        return source(OCI_GZIP, gzip());
    }

    public LayerSource asZstd() {
        return source(OCI_ZSTD, zstd());
    }

    public static LayerSource source(String mediaType, byte[] bytes) {
        return new LayerSource(mediaType, "test layer (" + bytes.length + " bytes)",
                () -> new ByteArrayInputStream(bytes));
    }
}
