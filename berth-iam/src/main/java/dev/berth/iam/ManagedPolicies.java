package dev.berth.iam;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The AWS-managed ECR policies, so that {@code AttachRolePolicy} with their well-known ARNs works unchanged. Their
 * documents live beside this class ({@code managed/<name>.json}) and were written from AWS's published policy
 * contents (versions as of this writing: ReadOnly v3, PowerUser v3, FullAccess v3, PullOnly v1). Loaded and parsed
 * once, at class initialisation; a bad bundled document fails fast.
 */
public final class ManagedPolicies {
    /** Read-only access: pull, describe, list, read policies and scan findings. */
    public static final ManagedPolicy READ_ONLY = load("AmazonEC2ContainerRegistryReadOnly", "v3");
    /**
     * ReadOnly plus push: {@code InitiateLayerUpload}, {@code UploadLayerPart}, {@code CompleteLayerUpload},
     * {@code PutImage}.
     */
    public static final ManagedPolicy POWER_USER = load("AmazonEC2ContainerRegistryPowerUser", "v3");
    /**
     * Pull only: {@code GetAuthorizationToken}, {@code BatchGetImage}, {@code GetDownloadUrlForLayer},
     * {@code BatchImportUpstreamImage}.
     */
    public static final ManagedPolicy PULL_ONLY = load("AmazonEC2ContainerRegistryPullOnly", "v1");
    /** {@code ecr:*}, {@code cloudtrail:LookupEvents}, and the replication service-linked role. */
    public static final ManagedPolicy FULL_ACCESS = load("AmazonEC2ContainerRegistryFullAccess", "v3");

    private static final List<ManagedPolicy> ALL = List.of(READ_ONLY, POWER_USER, PULL_ONLY, FULL_ACCESS);

    private ManagedPolicies() {}

    /** All of them, in a stable order. */
    public static List<ManagedPolicy> all() {
        return ALL;
    }

    /** The managed policy with this ARN, if Berth ships it. */
    public static Optional<ManagedPolicy> byArn(Arn arn) {
        return ALL.stream().filter(p -> p.arn().equals(arn)).findFirst();
    }

    private static ManagedPolicy load(String name, String version) {
        String resource = "managed/" + name + ".json";
        try (InputStream in = ManagedPolicies.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled policy " + resource);
            }
            String document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Arn arn = Arn.parse("arn:aws:iam::aws:policy/" + name);
            Policy policy = Policy.parse(PolicyKind.IDENTITY, arn.toString(), document);
            return new ManagedPolicy(name, arn, "/", version, document, policy);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled policy " + resource, e);
        }
    }
}
