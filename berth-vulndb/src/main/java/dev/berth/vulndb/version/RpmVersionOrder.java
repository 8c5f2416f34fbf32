package dev.berth.vulndb.version;

/**
 * RPM's order of {@code [epoch:]version[-release]} (rpm's {@code rpmvercmp}): epochs numerically (missing = 0),
 * then version and release, each split into alphanumeric segments where digit segments compare numerically and
 * beat letter segments, {@code ~} sorts before everything (pre-releases) and {@code ^} after the end of the string
 * but before any further segment (snapshots after a release). A missing release on one side is not compared.
 */
public final class RpmVersionOrder implements VersionOrder {
    public static final RpmVersionOrder INSTANCE = new RpmVersionOrder();

    private RpmVersionOrder() {}

    @Override
    public int compareVersions(String a, String b) {
        Evr x = Evr.of(a.trim());
        Evr y = Evr.of(b.trim());
        int byEpoch = Long.compare(x.epoch, y.epoch);
        if (byEpoch != 0) {
            return byEpoch;
        }
        int byVersion = rpmvercmp(x.version, y.version);
        if (byVersion != 0 || x.release.isEmpty() || y.release.isEmpty()) {
            return byVersion;
        }
        return rpmvercmp(x.release, y.release);
    }

    private record Evr(long epoch, String version, String release) {
        static Evr of(String evr) {
            long epoch = 0;
            String rest = evr;
            int colon = evr.indexOf(':');
            if (colon > 0 && evr.substring(0, colon).chars().allMatch(Character::isDigit)) {
                epoch = DpkgVersionOrder.parseLong(evr.substring(0, colon));
                rest = evr.substring(colon + 1);
            }
            int dash = rest.lastIndexOf('-');
            return dash >= 0 ? new Evr(epoch, rest.substring(0, dash), rest.substring(dash + 1))
                    : new Evr(epoch, rest, "");
        }
    }

    static int rpmvercmp(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while (i < a.length() && !Character.isLetterOrDigit(a.charAt(i)) && a.charAt(i) != '~'
                    && a.charAt(i) != '^') {
                i++;
            }
            while (j < b.length() && !Character.isLetterOrDigit(b.charAt(j)) && b.charAt(j) != '~'
                    && b.charAt(j) != '^') {
                j++;
            }
            boolean aTilde = i < a.length() && a.charAt(i) == '~';
            boolean bTilde = j < b.length() && b.charAt(j) == '~';
            if (aTilde || bTilde) {
                if (!aTilde) {
                    return 1;
                }
                if (!bTilde) {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            boolean aCaret = i < a.length() && a.charAt(i) == '^';
            boolean bCaret = j < b.length() && b.charAt(j) == '^';
            if (aCaret || bCaret) {
                if (i >= a.length()) {
                    return -1;
                }
                if (j >= b.length()) {
                    return 1;
                }
                if (!aCaret) {
                    return 1;
                }
                if (!bCaret) {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (i >= a.length() || j >= b.length()) {
                break;
            }
            boolean numeric = Character.isDigit(a.charAt(i));
            int si = i;
            int sj = j;
            while (i < a.length() && (numeric ? Character.isDigit(a.charAt(i)) : Character.isLetter(a.charAt(i)))) {
                i++;
            }
            while (j < b.length() && (numeric ? Character.isDigit(b.charAt(j)) : Character.isLetter(b.charAt(j)))) {
                j++;
            }
            String x = a.substring(si, i);
            String y = b.substring(sj, j);
            if (y.isEmpty()) {
                return numeric ? 1 : -1;   // a number beats letters
            }
            int cmp = numeric ? compareNumeric(x, y) : x.compareTo(y);
            if (cmp != 0) {
                return Integer.signum(cmp);
            }
        }
        boolean aDone = i >= a.length();
        boolean bDone = j >= b.length();
        return aDone && bDone ? 0 : aDone ? -1 : 1;
    }

    /** Compares digit strings by value, without overflow. */
    static int compareNumeric(String x, String y) {
        String a = x.replaceFirst("^0+(?=.)", "");
        String b = y.replaceFirst("^0+(?=.)", "");
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
}
