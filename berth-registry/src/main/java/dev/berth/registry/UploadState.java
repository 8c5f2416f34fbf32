package dev.berth.registry;

import dev.berth.oci.RepositoryName;

/** Where an upload session stands: the client continues at {@code size}. */
public record UploadState(RepositoryName repository, String id, long size) {}
