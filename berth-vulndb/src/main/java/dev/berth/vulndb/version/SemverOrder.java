package dev.berth.vulndb.version;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Semantic Versioning 2.0.0 precedence (section 11), as npm and OSV's {@code SEMVER} ranges use it: major, minor
 * and patch numerically; a pre-release sorts before its release; pre-release identifiers compare numerically when
 * both are numbers, numbers before alphanumerics, otherwise in ASCII order, and more identifiers win when all
 * before are equal; build metadata ({@code +...}) is ignored. A leading {@code v} or {@code =} is accepted (npm
 * and Go write them), and missing minor/patch count as 0. Anything else falls back to dpkg's lenient order.
 */
public final class SemverOrder implements VersionOrder {
    public static final SemverOrder INSTANCE = new SemverOrder();

    private static final Pattern SEMVER = Pattern.compile(
            "[v=]?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]*)?");

    private SemverOrder() {}

    @Override
    public int compareVersions(String a, String b) {
        Matcher x = SEMVER.matcher(a.trim());
        Matcher y = SEMVER.matcher(b.trim());
        if (!x.matches() || !y.matches()) {
            return DpkgVersionOrder.verrevcmp(a, b);
        }
        for (int group = 1; group <= 3; group++) {
            int cmp = RpmVersionOrder.compareNumeric(orZero(x.group(group)), orZero(y.group(group)));
            if (cmp != 0) {
                return Integer.signum(cmp);
            }
        }
        return comparePrerelease(x.group(4), y.group(4));
    }

    private static String orZero(String number) {
        return number == null ? "0" : number;
    }

    static int comparePrerelease(String a, String b) {
        if (a == null || b == null) {
            return a == null && b == null ? 0 : a == null ? 1 : -1;
        }
        String[] x = a.split("\\.", -1);
        String[] y = b.split("\\.", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean xNumber = isNumber(x[i]);
            boolean yNumber = isNumber(y[i]);
            int cmp;
            if (xNumber && yNumber) {
                cmp = RpmVersionOrder.compareNumeric(x[i], y[i]);
            } else if (xNumber != yNumber) {
                cmp = xNumber ? -1 : 1;
            } else {
                cmp = x[i].compareTo(y[i]);
            }
            if (cmp != 0) {
                return Integer.signum(cmp);
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static boolean isNumber(String identifier) {
        return !identifier.isEmpty() && identifier.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
