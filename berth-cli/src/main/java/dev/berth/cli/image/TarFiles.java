package dev.berth.cli.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * {@link LayoutFiles} of an uncompressed tar ({@code docker save}, {@code buildx --output type=oci}), read in place
 * through commons-compress's random-access {@link TarFile}: the headers are indexed once, and each entry is
 * streamed from its offset. Names are normalised without a leading {@code ./}.
 */
public final class TarFiles implements LayoutFiles {
    private final Path tar;
    private final TarFile file;
    private final Map<String, TarArchiveEntry> entries = new HashMap<>();

    public TarFiles(Path tar) throws IOException {
        this.tar = tar;
        this.file = new TarFile(tar);
        for (TarArchiveEntry entry : file.getEntries()) {
            if (entry.isFile()) {
                entries.put(normalise(entry.getName()), entry);
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
        InputStream in = file.getInputStream(entry);
        in.skipNBytes(offset);
        return in;
    }

    @Override
    public String describe(String path) {
        return tar + "!" + normalise(path);
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
