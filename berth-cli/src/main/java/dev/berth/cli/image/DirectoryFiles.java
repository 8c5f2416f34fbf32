package dev.berth.cli.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** {@link LayoutFiles} of a directory. */
public final class DirectoryFiles implements LayoutFiles {
    private final Path root;

    public DirectoryFiles(Path root) {
        this.root = root;
    }

    @Override
    public Optional<Long> size(String path) throws IOException {
        Path file = root.resolve(path);
        return Files.isRegularFile(file) ? Optional.of(Files.size(file)) : Optional.empty();
    }

    @Override
    public InputStream open(String path, long offset) throws IOException {
        SeekableByteChannel channel = Files.newByteChannel(root.resolve(path));
        channel.position(offset);
        return Channels.newInputStream(channel);
    }

    @Override
    public String describe(String path) {
        return root.resolve(path).toString();
    }

    @Override
    public void close() {
    }
}
