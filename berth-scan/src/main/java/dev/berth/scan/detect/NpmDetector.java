package dev.berth.scan.detect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.scan.Package;
import dev.berth.scan.layer.ImageFile;
import dev.berth.scan.layer.ImagePath;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * npm packages, from two views of the same install: lock files ({@code package-lock.json},
 * {@code npm-shrinkwrap.json}, npm 7's hidden {@code node_modules/.package-lock.json}; lockfileVersion 1, 2 and 3)
 * and the {@code package.json} of every {@code node_modules/<name>} or {@code node_modules/@scope/<name>} directory.
 * A package is where it is installed: both views name the same directory, and a package seen by both is reported
 * once, at its {@code package.json}. Lock entries marked {@code dev} are left out (production images are usually
 * installed without them; those that are installed still show up through their {@code package.json}), and so are
 * links to workspace directories.
 */
public final class NpmDetector implements Detector {
    private static final String NODE_MODULES = "node_modules";
    private static final int PACKAGE_JSON_LIMIT = 1024 * 1024;
    /** Real lock files of large monorepos reach tens of MiB; past this bound a file is skipped. */
    static final long MAX_LOCK_FILE = 64L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxDocumentLength(MAX_LOCK_FILE).build())
            .build());

    private record Installed(String name, String version, String location) {
    }

    /** By installation directory and name@version; a package.json replaces a lock entry for the same key. */
    private final Map<String, Installed> installed = new LinkedHashMap<>();

    @Override
    public boolean wants(ImageFile file) {
        String name = file.fileName();
        return name.equals("package-lock.json") || name.equals("npm-shrinkwrap.json")
                || (name.equals(".package-lock.json") && ImagePath.fileName(ImagePath.parent(file.path()))
                .equals(NODE_MODULES))
                || (name.equals("package.json") && packageDirectory(file.path()) != null);
    }

    /** The directory of a package.json directly inside node_modules/<name> or node_modules/@scope/<name>. */
    private static String packageDirectory(String path) {
        String directory = ImagePath.parent(path);
        String parent = ImagePath.parent(directory);
        if (ImagePath.fileName(parent).equals(NODE_MODULES)) {
            return directory;
        }
        if (ImagePath.fileName(parent).startsWith("@") && ImagePath.fileName(ImagePath.parent(parent))
                .equals(NODE_MODULES)) {
            return directory;
        }
        return null;
    }

    @Override
    public void read(ImageFile file, InputStream content) throws IOException {
        if (file.fileName().equals("package.json")) {
            readPackageJson(file, content);
        } else {
            String lockDirectory = ImagePath.parent(file.path());
            String projectRoot = file.fileName().equals(".package-lock.json")
                    ? ImagePath.parent(lockDirectory) : lockDirectory;
            readLockFile(projectRoot, file.path(), content);
        }
    }

    private void readPackageJson(ImageFile file, InputStream content) throws IOException {
        JsonNode manifest = JSON.readTree(TextFiles.readSmall(content, PACKAGE_JSON_LIMIT));
        String name = manifest.path("name").asText("");
        String version = manifest.path("version").asText("");
        if (!name.isEmpty() && !version.isEmpty()) {
            String directory = packageDirectory(file.path());
            installed.put(key(directory, name, version), new Installed(name, version, file.path()));
        }
    }

    // Streams the top level; one package entry at a time is held as a tree.
    private void readLockFile(String projectRoot, String location, InputStream content) throws IOException {
        try (JsonParser parser = JSON.createParser(content)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a lock file is a JSON object");
            }
            boolean sawPackages = false;
            List<Installed> fromDependencies = new ArrayList<>();
            List<String> dependencyDirectories = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("packages") && value == JsonToken.START_OBJECT) {
                    sawPackages = true;
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String relativePath = parser.currentName();
                        parser.nextToken();
                        acceptPackagesEntry(projectRoot, relativePath, parser.readValueAsTree(), location);
                    }
                } else if (field.equals("dependencies") && value == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        parser.nextToken();
                        collectV1(projectRoot, name, parser.readValueAsTree(), location, fromDependencies,
                                dependencyDirectories);
                    }
                } else {
                    parser.skipChildren();
                }
            }
            // lockfileVersion 2 carries both sections; "packages" is the complete one.
            if (!sawPackages) {
                for (int i = 0; i < fromDependencies.size(); i++) {
                    Installed p = fromDependencies.get(i);
                    installed.putIfAbsent(key(dependencyDirectories.get(i), p.name(), p.version()), p);
                }
            }
        }
    }

    private void acceptPackagesEntry(String projectRoot, String relativePath, JsonNode entry, String location) {
        int lastModules = relativePath.lastIndexOf(NODE_MODULES + "/");
        if (relativePath.isEmpty() || lastModules < 0 || entry.path("link").asBoolean(false)
                || entry.path("dev").asBoolean(false)) {
            return;
        }
        String name = entry.path("name").asText(relativePath.substring(lastModules + NODE_MODULES.length() + 1));
        String version = entry.path("version").asText("");
        if (!version.isEmpty()) {
            String directory = ImagePath.normalize(projectRoot + "/" + relativePath);
            installed.putIfAbsent(key(directory, name, version), new Installed(name, version, location));
        }
    }

    private static void collectV1(String parentDirectory, String name, JsonNode entry, String location,
                                  List<Installed> found, List<String> directories) {
        String directory = ImagePath.normalize(parentDirectory + "/" + NODE_MODULES + "/" + name);
        String version = entry.path("version").asText("");
        if (!version.isEmpty() && !entry.path("dev").asBoolean(false) && !version.startsWith("file:")) {
            found.add(new Installed(name, version, location));
            directories.add(directory);
        }
        Iterator<Map.Entry<String, JsonNode>> nested = entry.path("dependencies").fields();
        while (nested.hasNext()) {
            Map.Entry<String, JsonNode> child = nested.next();
            collectV1(directory, child.getKey(), child.getValue(), location, found, directories);
        }
    }

    private static String key(String directory, String name, String version) {
        return directory + "\n" + name + "@" + version;
    }

    @Override
    public List<Package> packages(Distribution distribution) {
        List<Package> packages = new ArrayList<>(installed.size());
        for (Installed p : installed.values()) {
            int slash = p.name().indexOf('/');
            Purl purl = p.name().startsWith("@") && slash > 0
                    ? Purl.of("npm", p.name().substring(slash + 1)).namespace(p.name().substring(0, slash))
                    : Purl.of("npm", p.name());
            packages.add(new Package("npm", p.name(), p.version(), p.name(), p.version(),
                    purl.version(p.version()).toString(), p.location()));
        }
        return packages;
    }
}
