package dev.berth.api.distribution;

import dev.berth.oci.RepositoryName;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request resolved to its operation, repository and path argument (digest, reference or upload id), still as
 * strings: the handler parses them into domain values so that each parse error gets its own error code.
 *
 * @param name the repository name as it appeared in the path, or null for BASE and CATALOG
 * @param argument the last path element (digest, reference, upload id), or null
 */
public record Route(Operation operation, String name, String argument) {
    // Greedy name: a repository component may itself be called "blobs" or "manifests"; the last match wins.
    private static final Pattern PATH = Pattern.compile(
            "^/v2/(.+)/(blobs/uploads/?|blobs/uploads/([^/]+)|blobs/([^/]+)|manifests/([^/]+)|tags/list|referrers/([^/]+))$");

    /** Resolves a method and path; empty when no operation matches (404, or 405 for a known path). */
    public static Optional<Route> resolve(String method, String path) {
        if (path.equals("/v2/") || path.equals("/v2")) {
            return method.equals("GET") || method.equals("HEAD")
                    ? Optional.of(new Route(Operation.BASE, null, null)) : Optional.empty();
        }
        if (path.equals("/v2/_catalog")) {
            return method.equals("GET") ? Optional.of(new Route(Operation.CATALOG, null, null)) : Optional.empty();
        }
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        String name = m.group(1);
        String tail = m.group(2);
        Operation op = null;
        String argument = null;
        if (tail.startsWith("blobs/uploads") && m.group(3) == null) {
            op = method.equals("POST") ? Operation.UPLOAD_START : null;
        } else if (m.group(3) != null) {
            argument = m.group(3);
            op = switch (method) {
                case "GET" -> Operation.UPLOAD_STATUS;
                case "PATCH" -> Operation.UPLOAD_CHUNK;
                case "PUT" -> Operation.UPLOAD_COMPLETE;
                case "DELETE" -> Operation.UPLOAD_CANCEL;
                default -> null;
            };
        } else if (m.group(4) != null) {
            argument = m.group(4);
            op = switch (method) {
                case "GET" -> Operation.BLOB_GET;
                case "HEAD" -> Operation.BLOB_HEAD;
                case "DELETE" -> Operation.BLOB_DELETE;
                default -> null;
            };
        } else if (m.group(5) != null) {
            argument = m.group(5);
            op = switch (method) {
                case "GET" -> Operation.MANIFEST_GET;
                case "HEAD" -> Operation.MANIFEST_HEAD;
                case "PUT" -> Operation.MANIFEST_PUT;
                case "DELETE" -> Operation.MANIFEST_DELETE;
                default -> null;
            };
        } else if (tail.equals("tags/list")) {
            op = method.equals("GET") ? Operation.TAGS_LIST : null;
        } else if (m.group(6) != null) {
            argument = m.group(6);
            op = method.equals("GET") ? Operation.REFERRERS : null;
        }
        return op == null ? Optional.empty() : Optional.of(new Route(op, name, argument));
    }

    /** Whether the path names a registry resource at all (then a wrong method is 405, not 404). */
    public static boolean isRegistryPath(String path) {
        return path.equals("/v2/") || path.equals("/v2") || path.equals("/v2/_catalog") || PATH.matcher(path).matches();
    }

    /** The repository, parsed; throws {@code InvalidReferenceException} (NAME_INVALID) when malformed. */
    public RepositoryName repository() {
        return RepositoryName.parse(name);
    }
}
