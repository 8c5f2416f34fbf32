package dev.berth.identity;

import java.util.List;

/** Paging of short lists held in memory (a role's tags or attached policies): the marker is the next offset. */
final class Pages {
    private Pages() {}

    /** Up to {@code max} items from the offset in {@code marker} (null = 0); InvalidInput for a marker not issued. */
    static <T> Page<T> byOffset(List<T> all, String marker, int max) {
        int from = 0;
        if (marker != null) {
            try {
                from = Integer.parseInt(marker);
            } catch (NumberFormatException e) {
                from = -1;
            }
            if (from < 0 || from > all.size()) {
                throw new IamException(IamError.INVALID_INPUT, "Invalid Marker " + marker + ".");
            }
        }
        int to = Math.min(all.size(), from + max);
        return new Page<>(all.subList(from, to), to < all.size() ? Integer.toString(to) : null);
    }
}
