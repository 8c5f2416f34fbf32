package dev.berth.registry;

import dev.berth.metadata.ManifestRecord;
import dev.berth.oci.Tag;
import java.util.Optional;

/**
 * Told of every manifest stored by a push (both APIs), after it is durable. A listener must not throw: the push
 * has succeeded whatever it does (a failure is logged by the caller and the push still answers 201).
 */
@FunctionalInterface
public interface PushListener {
    PushListener NONE = (record, tag) -> {};

    void pushed(ManifestRecord record, Optional<Tag> tag);
}
