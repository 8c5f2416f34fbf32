package dev.berth.scan.layer;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Paths inside an image, always absolute ("/etc/os-release"), without "." or ".." segments, doubled or trailing
 * slashes. Tar entry names come as "./etc/", "etc/os-release", "/usr//lib/../lib/x"; ".." never climbs above the
 * root, so no name can point outside the image.
 */
public final class ImagePath {
    public static final String ROOT = "/";

    private ImagePath() {
    }

    /** The absolute, normalised form of a tar entry name; {@link #ROOT} for the root itself. */
    public static String normalize(String entryName) {
        if (isNormal(entryName)) {
            return entryName;
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : entryName.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                segments.pollLast();
            } else {
                segments.addLast(segment);
            }
        }
        return segments.isEmpty() ? ROOT : "/" + String.join("/", segments);
    }

    /** The parent directory of a normalised path ("/" for "/etc"). */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? ROOT : path.substring(0, slash);
    }

    /** The last segment of a normalised path. */
    public static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Joins a normalised directory and a single segment. */
    public static String child(String directory, String name) {
        return directory.equals(ROOT) ? "/" + name : directory + "/" + name;
    }

    // Fast path: most names in a layer are already clean apart from a missing leading slash.
    private static boolean isNormal(String name) {
        if (name.length() < 2 || name.charAt(0) != '/' || name.charAt(name.length() - 1) == '/') {
            return false;
        }
        return !name.contains("//") && !name.contains("/./") && !name.contains("/../")
                && !name.endsWith("/.") && !name.endsWith("/..");
    }
}
