package dev.berth.cli.transfer;

import dev.berth.cli.image.DirectoryFiles;
import dev.berth.cli.image.DockerArchive;
import dev.berth.cli.image.LayoutFiles;
import dev.berth.cli.image.OciLayoutReader;
import dev.berth.cli.image.OciLayoutWriter;
import dev.berth.oci.RepositoryName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens the source or target an {@link ImageLocation} names. */
final class Endpoints {
    private Endpoints() {
    }

    static ImageSource source(ImageLocation location, TransferOptions options) throws IOException {
        return switch (location) {
            case ImageLocation.Registry r -> new RegistrySource(options.client(r.reference()), r.reference());
            case ImageLocation.Layout l -> local(l.path(), l.name(), null);
            case ImageLocation.Archive a -> local(a.file(), a.repoTag(), null);
        };
    }

    /**
     * An OCI layout directory, or a tar holding an OCI layout or a {@code docker save} archive, told apart by
     * their files. {@code name} selects the image; without it, {@code preferred} does if the layout has it, else
     * the only image there.
     */
    static ImageSource local(Path path, String name, String preferred) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such file or directory");
        }
        LayoutFiles files = Files.isDirectory(path) ? new DirectoryFiles(path) : new dev.berth.cli.image.TarFiles(path);
        try {
            if (OciLayoutReader.isLayout(files)) {
                OciLayoutReader reader = new OciLayoutReader(files);
                String chosen = name;
                if (chosen == null && preferred != null
                        && reader.index().stream().anyMatch(d -> d.refName().filter(preferred::equals).isPresent())) {
                    chosen = preferred;
                }
                return new LayoutSource(reader, chosen);
            }
            if (DockerArchive.isArchive(files)) {
                return new ArchiveSource(files, name);
            }
        } catch (IOException | RuntimeException e) {
            files.close();
            throw e;
        }
        files.close();
        throw new IllegalArgumentException(path + " is neither an OCI image layout (oci-layout, index.json) nor a "
                + "docker archive (manifest.json)");
    }

    static ImageTarget target(ImageLocation location, TransferOptions options, RepositoryName mountFrom) {
        return switch (location) {
            case ImageLocation.Registry r -> new RegistryTarget(options.client(r.reference()), r.reference(),
                    mountFrom, options.chunkBytes());
            case ImageLocation.Layout l -> new LayoutTarget(new OciLayoutWriter(l.path()), l.name());
            case ImageLocation.Archive a -> throw new IllegalArgumentException(
                    "docker-archive: can only be a source; write an OCI layout (oci:DIR) instead");
        };
    }
}
