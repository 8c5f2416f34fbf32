package dev.berth.cli.image;

import dev.berth.cli.io.BoundedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * {@link LayoutFiles} of an uncompressed tar ({@code docker save}, {@code buildx --output type=oci}), read in place:
 * commons-compress's {@link TarFile} indexes the headers once (PAX and GNU long names included), and each open
 * gets its own channel positioned at the entry's data offset. {@code TarFile}'s own entry streams share one
 * channel without locking, so they must not be read from several threads; separate channels may.
 */
public final class TarFiles implements LayoutFiles {
    private final Path tar;
    private final Map<String, TarArchiveEntry> entries = new HashMap<>();

    public TarFiles(Path tar) throws IOException {
        this.tar = tar;
        try (TarFile file = new TarFile(tar)) {
            for (TarArchiveEntry entry : file.getEntries()) {
                if (entry.isFile() && !entry.isSparse()) {
                    entries.put(normalise(entry.getName()), entry);
                }
            }
        }
    }

    private static String normalise(String name) {
        String n = name;
        while (n.startsWith("./") || n.startsWith("/")) {
            n = n.substring(n.indexOf('/') + 1);
        }
        return n;
    }

    @Override
    public Optional<Long> size(String path) {
        TarArchiveEntry entry = entries.get(normalise(path));
        return entry == null ? Optional.empty() : Optional.of(entry.getSize());
    }

    @Override
    public InputStream open(String path, long offset) throws IOException {
        TarArchiveEntry entry = entries.get(normalise(path));
        if (entry == null) {
            throw new java.io.FileNotFoundException(describe(path));
        }
        if (offset > entry.getSize()) {
            throw new IOException(describe(path) + " has only " + entry.getSize() + " bytes, not " + offset);
        }
        FileChannel channel = FileChannel.open(tar, StandardOpenOption.READ);
        channel.position(entry.getDataOffset() + offset);
        return BoundedInputStream.owning(Channels.newInputStream(channel), entry.getSize() - offset);
    }

    @Override
    public String describe(String path) {
        return tar + "!" + normalise(path);
    }

    @Override
    public void close() {
    }
}
