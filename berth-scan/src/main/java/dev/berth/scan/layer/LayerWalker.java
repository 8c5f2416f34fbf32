package dev.berth.scan.layer;

import dev.berth.scan.LayerSource;
import dev.berth.scan.ScanException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Walks an image's layers once, top-most first, and hands each regular file that is visible in the final (merged)
 * filesystem to a visitor, streamed from its layer. A file of a lower layer is visible unless an upper layer has an
 * entry at the same path, whites it (or a parent) out with {@code .wh.<name>}, marks a parent opaque with
 * {@code .wh..wh..opq}, or replaces a parent directory with a non-directory (file, symlink). Whiteouts and opaque
 * markers of a layer apply to the layers below it only.
 *
 * <p>Memory holds the paths of the upper layers (not of the bottom one), never file contents. Links are not
 * followed: a symbolic link is a non-directory that shadows what is below it, and a hard link's content is the
 * content of the file it links to, which is visited under that file's own path. Within one layer the first entry
 * for a path wins. Not thread-safe; one walker per scan.
 */
public final class LayerWalker {
    private static final String WHITEOUT_PREFIX = ".wh.";
    private static final String OPAQUE_MARKER = ".wh..wh..opq";
    private static final String AUFS_META_PREFIX = ".wh..wh.";

    private final Set<String> upperPaths = new HashSet<>();
    private final Set<String> upperNonDirectories = new HashSet<>();
    private final Set<String> deleted = new HashSet<>();
    private final Set<String> opaque = new HashSet<>();

    /**
     * Visits the visible files of {@code layers}, given in manifest order (base layer first).
     *
     * @throws ScanException UNSUPPORTED for a media type that is not a tar layer, CORRUPT when a layer cannot be
     *                       decompressed or is not a tar
     */
    public void walk(List<LayerSource> layers, FileVisitor visitor) throws ScanException {
        for (LayerSource layer : layers) {
            if (LayerCompression.forMediaType(layer.mediaType()).isEmpty()) {
                throw new ScanException(ScanException.Reason.UNSUPPORTED,
                        "layer " + layer.description() + " has media type " + layer.mediaType()
                                + ", which is not a tar layer (uncompressed, gzip or zstd)");
            }
        }
        for (int i = layers.size() - 1; i >= 0; i--) {
            walkLayer(layers.get(i), i == 0, visitor);
        }
    }

    private void walkLayer(LayerSource layer, boolean bottom, FileVisitor visitor) throws ScanException {
        LayerCompression compression = LayerCompression.forMediaType(layer.mediaType()).orElseThrow();
        LayerState state = new LayerState(bottom);
        try (InputStream stored = layer.opener().open();
             InputStream tarBytes = compression.decompress(new BufferedInputStream(stored, 64 * 1024));
             TarArchiveInputStream tar = new TarArchiveInputStream(tarBytes)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                accept(entry, tar, state, visitor);
            }
        } catch (IOException | RuntimeException e) {
            // commons-compress reports some malformed headers as IllegalArgumentException.
            throw new ScanException(ScanException.Reason.CORRUPT,
                    "layer " + layer.description() + " (" + layer.mediaType() + ") could not be read: "
                            + describe(e), e);
        }
        state.mergeInto(this);
    }

    private void accept(TarArchiveEntry entry, InputStream tar, LayerState state, FileVisitor visitor)
            throws IOException {
        String path = ImagePath.normalize(entry.getName());
        if (path.equals(ImagePath.ROOT)) {
            return;
        }
        String name = ImagePath.fileName(path);
        if (name.startsWith(WHITEOUT_PREFIX)) {
            String directory = ImagePath.parent(path);
            if (name.equals(OPAQUE_MARKER)) {
                state.opaque.add(directory);
            } else if (!name.startsWith(AUFS_META_PREFIX)) {
                state.deleted.add(ImagePath.child(directory, name.substring(WHITEOUT_PREFIX.length())));
            }
            return;
        }
        if (hiddenByUpperLayers(path) || !state.firstTime(path)) {
            return;
        }
        if (!entry.isDirectory()) {
            state.nonDirectories.add(path);
        }
        if (isRegularFile(entry)) {
            visit(new ImageFile(path, entry.getSize(), entry.getMode()), tar, visitor);
        }
    }

    private static void visit(ImageFile file, InputStream tar, FileVisitor visitor) throws IOException {
        EntryContent content = new EntryContent(tar);
        try {
            visitor.visit(file, content);
        } catch (IOException | RuntimeException unreadableContent) {
            // The file is not what its name promised (a broken jar, a malformed database): skip it.
        }
        if (content.layerFailure() != null) {
            throw content.layerFailure();
        }
    }

    // commons-compress counts links and devices as "files" too; only entries with content of their own count here.
    private static boolean isRegularFile(TarArchiveEntry entry) {
        return entry.isFile() && !entry.isSymbolicLink() && !entry.isLink() && !entry.isCharacterDevice()
                && !entry.isBlockDevice() && !entry.isFIFO();
    }

    private boolean hiddenByUpperLayers(String path) {
        if (upperPaths.contains(path) || deleted.contains(path)) {
            return true;
        }
        for (String ancestor = ImagePath.parent(path); ; ancestor = ImagePath.parent(ancestor)) {
            if (deleted.contains(ancestor) || opaque.contains(ancestor) || upperNonDirectories.contains(ancestor)) {
                return true;
            }
            if (ancestor.equals(ImagePath.ROOT)) {
                return false;
            }
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** What one layer adds to the picture; merged only after the layer ends (it affects lower layers only). */
    private static final class LayerState {
        final boolean bottom;
        final Set<String> paths = new HashSet<>();
        final Set<String> nonDirectories = new HashSet<>();
        final Set<String> deleted = new HashSet<>();
        final Set<String> opaque = new HashSet<>();

        LayerState(boolean bottom) {
            this.bottom = bottom;
        }

        boolean firstTime(String path) {
            return paths.add(path);
        }

        void mergeInto(LayerWalker walker) {
            if (bottom) {
                return;
            }
            walker.upperPaths.addAll(paths);
            walker.upperNonDirectories.addAll(nonDirectories);
            walker.deleted.addAll(deleted);
            walker.opaque.addAll(opaque);
        }
    }
}
