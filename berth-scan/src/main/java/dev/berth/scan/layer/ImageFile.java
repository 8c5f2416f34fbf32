package dev.berth.scan.layer;

/**
 * A regular file visible in an image's final filesystem.
 *
 * @param path the normalised absolute path
 * @param size the size in bytes, from the tar header
 * @param mode the permission bits from the tar header
 */
public record ImageFile(String path, long size, int mode) {

    /** Whether anyone may execute it (a candidate for a binary). */
    public boolean executable() {
        return (mode & 0111) != 0;
    }

    public String fileName() {
        return ImagePath.fileName(path);
    }
}
