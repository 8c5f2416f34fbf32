package dev.berth.cli.transfer;

import dev.berth.cli.image.Descriptor;
import dev.berth.cli.image.DockerArchive;
import dev.berth.cli.image.LayoutFiles;
import dev.berth.cli.image.ManifestContent;
import java.io.FileNotFoundException;
import java.io.IOException;

/** The image of a {@code docker save} archive, as the OCI image manifest {@link DockerArchive} builds for it. */
public final class ArchiveSource implements ImageSource {
    private final LayoutFiles files;
    private final DockerArchive.Image image;

    public ArchiveSource(LayoutFiles files, String repoTag) throws IOException {
        this.files = files;
        this.image = DockerArchive.read(files, repoTag);
    }

    @Override
    public Descriptor root() {
        ManifestContent m = image.manifest();
        return Descriptor.of(m.mediaType(), m.digest(), m.bytes().length);
    }

    @Override
    public ManifestContent manifest(Descriptor descriptor) throws IOException {
        if (!descriptor.digest().equals(image.manifest().digest())) {
            throw new FileNotFoundException("the archive has no manifest " + descriptor.digest());
        }
        return image.manifest();
    }

    @Override
    public BlobContent blob(Descriptor descriptor) {
        String path = image.paths().get(descriptor.digest());
        return offset -> {
            if (path == null) {
                throw new FileNotFoundException("the archive has no blob " + descriptor.digest());
            }
            return files.open(path, offset);
        };
    }


    @Override
    public void close() throws IOException {
        files.close();
    }
}
