package dev.berth.vulndb.version;

import java.util.Comparator;

/**
 * The order of versions in one ecosystem. Implementations are total and lenient: any two strings compare (a
 * version the ecosystem's grammar does not accept still gets a stable place), so one odd version in an advisory
 * never stops matching. Thread-safe and stateless.
 */
public interface VersionOrder extends Comparator<String> {

    /** The version OSV uses for "since the beginning": lower than every other version. */
    String ZERO = "0";

    /** Compares two versions of this ecosystem; {@link #ZERO} is below everything. */
    @Override
    default int compare(String a, String b) {
        boolean aZero = ZERO.equals(a);
        boolean bZero = ZERO.equals(b);
        if (aZero || bZero) {
            return aZero == bZero ? 0 : aZero ? -1 : 1;
        }
        return compareVersions(a, b);
    }

    /** Compares two versions, neither of which is {@link #ZERO}. */
    int compareVersions(String a, String b);
}
