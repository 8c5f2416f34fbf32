package dev.berth.vulndb.version;

/**
 * Debian's version order (deb-version(7), dpkg's {@code verrevcmp}): {@code [epoch:]upstream[-revision]}, epochs
 * numerically, then upstream and revision each compared as alternating non-digit and digit runs, where in the
 * non-digit runs {@code ~} sorts before everything (even the end of the string), then the end, then letters, then
 * all other characters.
 */
public final class DpkgVersionOrder implements VersionOrder {
    public static final DpkgVersionOrder INSTANCE = new DpkgVersionOrder();

    private DpkgVersionOrder() {}

    @Override
    public int compareVersions(String a, String b) {
        Parts x = Parts.of(a.trim());
        Parts y = Parts.of(b.trim());
        int byEpoch = Long.compare(x.epoch, y.epoch);
        if (byEpoch != 0) {
            return byEpoch;
        }
        int byUpstream = verrevcmp(x.upstream, y.upstream);
        return byUpstream != 0 ? byUpstream : verrevcmp(x.revision, y.revision);
    }

    private record Parts(long epoch, String upstream, String revision) {
        static Parts of(String version) {
            long epoch = 0;
            String rest = version;
            int colon = version.indexOf(':');
            if (colon > 0 && version.substring(0, colon).chars().allMatch(Character::isDigit)) {
                epoch = parseLong(version.substring(0, colon));
                rest = version.substring(colon + 1);
            }
            int dash = rest.lastIndexOf('-');
            return dash >= 0 ? new Parts(epoch, rest.substring(0, dash), rest.substring(dash + 1))
                    : new Parts(epoch, rest, "");
        }
    }

    /** dpkg's comparison of one upstream or revision part. */
    static int verrevcmp(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            int firstDiff = 0;
            while ((i < a.length() && !Character.isDigit(a.charAt(i)))
                    || (j < b.length() && !Character.isDigit(b.charAt(j)))) {
                int ac = i < a.length() ? order(a.charAt(i)) : 0;
                int bc = j < b.length() ? order(b.charAt(j)) : 0;
                if (ac != bc) {
                    return Integer.compare(ac, bc);
                }
                i++;
                j++;
            }
            while (i < a.length() && a.charAt(i) == '0') {
                i++;
            }
            while (j < b.length() && b.charAt(j) == '0') {
                j++;
            }
            while (i < a.length() && Character.isDigit(a.charAt(i)) && j < b.length()
                    && Character.isDigit(b.charAt(j))) {
                if (firstDiff == 0) {
                    firstDiff = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (i < a.length() && Character.isDigit(a.charAt(i))) {
                return 1;
            }
            if (j < b.length() && Character.isDigit(b.charAt(j))) {
                return -1;
            }
            if (firstDiff != 0) {
                return Integer.signum(firstDiff);
            }
        }
        return 0;
    }

    /** Weight of a non-digit character: {@code ~} lowest, end of string 0, letters by code, others after. */
    private static int order(char c) {
        if (Character.isDigit(c)) {
            return 0;
        }
        if (Character.isLetter(c)) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c + 256;
    }

    static long parseLong(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
