package dev.berth.metadata;

import dev.berth.oci.RepositoryName;
import java.time.Instant;

/** An upload session in progress: which repository it pushes to and when it started. */
public record UploadRecord(String id, RepositoryName repository, Instant startedAt) {}
