package dev.berth.server;

import dev.berth.oci.Digest;
import dev.berth.oci.DigestAlgorithm;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Deterministic test content: blobs, and manifests that reference them. */
public final class Fixtures {
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";

    private Fixtures() {}

    public static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    public static String sha256(byte[] content) {
        return Digest.compute(DigestAlgorithm.SHA256, content).toString();
    }

    public static String descriptor(String mediaType, byte[] content) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + sha256(content) + "\",\"size\":" + content.length + "}";
    }

    /** An OCI image manifest over a config and layers; optional artifactType and subject (raw JSON or null). */
    public static byte[] manifest(byte[] config, String artifactType, String subjectDescriptor, byte[]... layers) {
        StringBuilder sb = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",");
        if (artifactType != null) {
            sb.append("\"artifactType\":\"").append(artifactType).append("\",");
        }
        sb.append("\"config\":").append(descriptor(OCI_CONFIG, config)).append(",\"layers\":[");
        for (int i = 0; i < layers.length; i++) {
            sb.append(i == 0 ? "" : ",").append(descriptor(OCI_LAYER, layers[i]));
        }
        sb.append("]");
        if (subjectDescriptor != null) {
            sb.append(",\"subject\":").append(subjectDescriptor);
        }
        sb.append(",\"annotations\":{\"org.example.test\":\"yes\"}}");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] index(byte[]... manifests) {
        StringBuilder sb = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[");
        for (int i = 0; i < manifests.length; i++) {
            sb.append(i == 0 ? "" : ",").append(descriptor(OCI_MANIFEST, manifests[i]));
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
