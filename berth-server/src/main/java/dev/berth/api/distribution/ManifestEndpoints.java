package dev.berth.api.distribution;

import dev.berth.api.http.Exchange;
import dev.berth.metadata.ManifestRecord;
import dev.berth.oci.Digest;
import dev.berth.oci.ManifestParser;
import dev.berth.oci.MediaTypes;
import dev.berth.oci.Reference;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.Tag;
import dev.berth.registry.ManifestService;
import dev.berth.registry.Page;
import dev.berth.registry.RegistryError;
import dev.berth.registry.RegistryException;
import dev.berth.registry.StoredManifest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Manifest, tag-list, catalog and referrers endpoints (spec end-3, end-7, end-8a/b, end-9, end-12a/b). */
final class ManifestEndpoints {
    /** Oversized manifest bodies up to this size are drained before the 413 is sent. */
    private static final long DRAIN_LIMIT = 4L * ManifestParser.MAX_MANIFEST_BYTES;

    private final ManifestService manifests;

    ManifestEndpoints(ManifestService manifests) {
        this.manifests = manifests;
    }

    void get(Exchange ex, RepositoryName repo, Reference reference) throws IOException {
        if (ex.isHead()) {
            ManifestRecord record = manifests.head(repo, reference);
            manifestHeaders(ex, record);
            ex.header("Content-Type", record.mediaType());
            ex.header("Content-Length", Long.toString(record.size()));
            ex.status(200);
            ex.finish(null);
            return;
        }
        StoredManifest stored = manifests.get(repo, reference);
        manifestHeaders(ex, stored.record());
        ex.send(200, stored.record().mediaType(), stored.bytes());
    }

    void put(Exchange ex, RepositoryName repo, Reference reference) throws IOException {
        byte[] bytes = readManifest(ex);
        ManifestRecord record = manifests.put(repo, reference, bytes, ex.header("Content-Type"));
        ex.header("Location", "/v2/" + repo + "/manifests/" + record.digest());
        ex.header("Docker-Content-Digest", record.digest().toString());
        record.subjectDigest().ifPresent(subject -> ex.header("OCI-Subject", subject.toString()));
        ex.send(201);
    }

    void delete(Exchange ex, RepositoryName repo, Reference reference) throws IOException {
        manifests.delete(repo, reference);
        ex.send(202);
    }

    void tags(Exchange ex, RepositoryName repo) throws IOException {
        int limit = limit(ex);
        String last = ex.query("last");
        Page<Tag> page = manifests.tags(repo, last == null || last.isEmpty() ? null : Tag.parse(last), limit);
        List<String> tags = page.items().stream().map(Tag::value).toList();
        if (page.more() && !tags.isEmpty()) {
            link(ex, "/v2/" + repo + "/tags/list", limit, tags.getLast());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", repo.value());
        body.put("tags", tags);
        ex.send(200, "application/json", OciErrors.json(body));
    }

    void catalog(Exchange ex) throws IOException {
        int limit = limit(ex);
        String last = ex.query("last");
        Page<RepositoryName> page = manifests.catalog(
                last == null || last.isEmpty() ? null : RepositoryName.parse(last), limit);
        List<String> names = page.items().stream().map(RepositoryName::value).toList();
        if (page.more() && !names.isEmpty()) {
            link(ex, "/v2/_catalog", limit, names.getLast());
        }
        ex.send(200, "application/json", OciErrors.json(Map.of("repositories", names)));
    }

    void referrers(Exchange ex, RepositoryName repo, Digest subject) throws IOException {
        String artifactType = ex.query("artifactType");
        boolean filtered = artifactType != null && !artifactType.isEmpty();
        List<Map<String, Object>> descriptors = new ArrayList<>();
        for (ManifestRecord r : manifests.referrers(repo, subject, filtered ? artifactType : null)) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("mediaType", r.mediaType());
            d.put("digest", r.digest().toString());
            d.put("size", r.size());
            r.effectiveArtifactType().ifPresent(t -> d.put("artifactType", t));
            if (!r.annotations().isEmpty()) {
                d.put("annotations", r.annotations());
            }
            descriptors.add(d);
        }
        if (filtered) {
            ex.header("OCI-Filters-Applied", "artifactType");
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        index.put("manifests", descriptors);
        ex.send(200, MediaTypes.OCI_INDEX, OciErrors.json(index));
    }

    /**
     * Reads a manifest body, refusing (413) anything over the size limit. A moderately oversized body is read and
     * discarded first so that the client, still sending, sees the 413 instead of a reset connection.
     */
    private static byte[] readManifest(Exchange ex) throws IOException {
        long declared = ex.contentLength();
        try (InputStream in = ex.body()) {
            if (declared > DRAIN_LIMIT) {
                ex.header("Connection", "close");
                throw tooLarge();
            }
            byte[] bytes = in.readNBytes(ManifestParser.MAX_MANIFEST_BYTES + 1);
            if (bytes.length > ManifestParser.MAX_MANIFEST_BYTES) {
                in.skipNBytes(Math.max(0, Math.min(declared, DRAIN_LIMIT) - bytes.length));
                throw tooLarge();
            }
            return bytes;
        }
    }

    private static RegistryException tooLarge() {
        return new PayloadTooLargeException("manifest is larger than " + ManifestParser.MAX_MANIFEST_BYTES + " bytes");
    }

    private static void manifestHeaders(Exchange ex, ManifestRecord record) {
        ex.header("Docker-Content-Digest", record.digest().toString());
        ex.header("ETag", "\"" + record.digest() + "\"");
    }

    /** The {@code n} parameter: absent means everything; a negative or non-number is refused. */
    private static int limit(Exchange ex) {
        String n = ex.query("n");
        if (n == null || n.isEmpty()) {
            return Integer.MAX_VALUE;
        }
        try {
            int value = Integer.parseInt(n);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidQueryException("n must be a non-negative integer");
        }
    }

    private static void link(Exchange ex, String path, int limit, String last) {
        String query = (limit == Integer.MAX_VALUE ? "" : "n=" + limit + "&") + "last="
                + URLEncoder.encode(last, StandardCharsets.UTF_8);
        ex.header("Link", "<" + path + "?" + query + ">; rel=\"next\"");
    }

    /** A query parameter that is not what the spec allows: 400 with the closest spec code. */
    static final class InvalidQueryException extends RegistryException {
        InvalidQueryException(String message) {
            super(RegistryError.UNSUPPORTED, message);
        }
    }

    /** A manifest over the size limit: MANIFEST_INVALID with status 413 (spec "Pushing Manifests"). */
    static final class PayloadTooLargeException extends RegistryException {
        PayloadTooLargeException(String message) {
            super(RegistryError.MANIFEST_INVALID, message);
        }
    }
}
