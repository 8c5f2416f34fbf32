package dev.berth.cli.transfer;

import java.util.Locale;

/** Byte counts for people ({@code 12.3 MiB}) and from people ({@code 16MiB}, {@code 512KiB}, {@code 1048576}). */
public final class Sizes {
    private Sizes() {
    }

    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** Parses a size with an optional binary unit; throws {@link IllegalArgumentException} when malformed. */
    public static long parse(String text) {
        String t = text.trim();
        long multiplier = 1;
        String[][] units = {{"KiB", "1024"}, {"MiB", "1048576"}, {"GiB", "1073741824"}, {"B", "1"}};
        for (String[] unit : units) {
            if (t.regionMatches(true, t.length() - unit[0].length(), unit[0], 0, unit[0].length())) {
                multiplier = Long.parseLong(unit[1]);
                t = t.substring(0, t.length() - unit[0].length()).trim();
                break;
            }
        }
        try {
            long value = Long.parseLong(t) * multiplier;
            if (value <= 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a size: '" + text + "'; expected e.g. 16MiB, 512KiB or 1048576");
        }
    }
}
