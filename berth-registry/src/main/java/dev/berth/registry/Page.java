package dev.berth.registry;

import java.util.List;

/** One page of a listing; {@code more} says whether a next page exists (the edge then sends a {@code Link}). */
public record Page<T>(List<T> items, boolean more) {
    public Page {
        items = List.copyOf(items);
    }
}
