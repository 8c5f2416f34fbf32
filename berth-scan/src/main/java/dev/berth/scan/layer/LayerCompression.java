package dev.berth.scan.layer;

import com.github.luben.zstd.ZstdInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/** How a layer's tar is compressed, decided by the layer descriptor's media type alone. */
public enum LayerCompression {
    NONE, GZIP, ZSTD;

    private static final Map<String, LayerCompression> BY_MEDIA_TYPE = Map.ofEntries(
            Map.entry("application/vnd.oci.image.layer.v1.tar", NONE),
            Map.entry("application/vnd.oci.image.layer.v1.tar+gzip", GZIP),
            Map.entry("application/vnd.oci.image.layer.v1.tar+zstd", ZSTD),
            Map.entry("application/vnd.oci.image.layer.nondistributable.v1.tar", NONE),
            Map.entry("application/vnd.oci.image.layer.nondistributable.v1.tar+gzip", GZIP),
            Map.entry("application/vnd.oci.image.layer.nondistributable.v1.tar+zstd", ZSTD),
            Map.entry("application/vnd.docker.image.rootfs.diff.tar", NONE),
            Map.entry("application/vnd.docker.image.rootfs.diff.tar.gzip", GZIP),
            Map.entry("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip", GZIP),
            Map.entry("application/vnd.docker.image.rootfs.diff.tar.zstd", ZSTD));

    /** The compression of a layer media type, or empty when the media type is not a layer Berth reads. */
    public static Optional<LayerCompression> forMediaType(String mediaType) {
        return Optional.ofNullable(BY_MEDIA_TYPE.get(mediaType));
    }

    /** Wraps the stored bytes so that reading yields the tar; the returned stream closes {@code stored}. */
    public InputStream decompress(InputStream stored) throws IOException {
        return switch (this) {
            case NONE -> stored;
            case GZIP -> new GZIPInputStream(stored, 64 * 1024);
            case ZSTD -> new ZstdInputStream(stored);
        };
    }
}
