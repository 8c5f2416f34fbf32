package dev.berth.registry;

import dev.berth.metadata.ManifestRecord;

/** A manifest's facts and its exact bytes as pushed (at most 4 MiB, so held in memory). */
public record StoredManifest(ManifestRecord record, byte[] bytes) {}
