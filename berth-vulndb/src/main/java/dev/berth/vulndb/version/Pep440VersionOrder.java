package dev.berth.vulndb.version;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's version order (PEP 440), after its normalisation: case-insensitive, {@code -}/{@code _}/{@code .}
 * separators optional, {@code alpha/beta/c/pre/preview} spelled {@code a/b/rc/rc/rc}, {@code rev/r/-N} as post,
 * a missing number as 0, trailing zeros of the release ignored ({@code 1.0 == 1.0.0}). Order: epoch, release,
 * then {@code X.devN < X.aN < X.bN < X.rcN < X < X.postN}, dev releases of a pre or post release just before it,
 * and a local version ({@code +ubuntu1}) just after the same public version.
 */
public final class Pep440VersionOrder implements VersionOrder {
    public static final Pep440VersionOrder INSTANCE = new Pep440VersionOrder();

    private static final Pattern PEP440 = Pattern.compile(
            "v?(?:(\\d+)!)?(\\d+(?:\\.\\d+)*)"
                    + "(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\\d+)?)?"
                    + "(?:-(\\d+)|[-_.]?(post|rev|r)[-_.]?(\\d+)?)?"
                    + "(?:[-_.]?(dev)[-_.]?(\\d+)?)?"
                    + "(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?");
    private static final long BELOW = Long.MIN_VALUE;
    private static final long ABOVE = Long.MAX_VALUE;

    private Pep440VersionOrder() {}

    @Override
    public int compareVersions(String a, String b) {
        Key x = Key.parse(a);
        Key y = Key.parse(b);
        if (x == null || y == null) {
            return DpkgVersionOrder.verrevcmp(a, b);
        }
        return x.compareTo(y);
    }

    private record Key(long epoch, long[] release, long preKind, long preNumber, long post, long dev, String[] local)
            implements Comparable<Key> {

        static Key parse(String text) {
            Matcher m = PEP440.matcher(text.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                return null;
            }
            long epoch = m.group(1) == null ? 0 : DpkgVersionOrder.parseLong(m.group(1));
            long[] release = Arrays.stream(m.group(2).split("\\.")).mapToLong(DpkgVersionOrder::parseLong).toArray();
            int length = release.length;
            while (length > 1 && release[length - 1] == 0) {
                length--;
            }
            release = Arrays.copyOf(release, length);
            boolean hasPre = m.group(3) != null;
            boolean hasPost = m.group(5) != null || m.group(6) != null;
            boolean hasDev = m.group(8) != null;
            long preKind;
            long preNumber = 0;
            if (hasPre) {
                preKind = switch (m.group(3)) {
                    case "a", "alpha" -> 0;
                    case "b", "beta" -> 1;
                    default -> 2;   // c, rc, pre, preview
                };
                preNumber = number(m.group(4));
            } else {
                // A plain dev release (1.0.dev1) sorts before every pre-release of its version.
                preKind = !hasPost && hasDev ? BELOW : ABOVE;
            }
            long post = !hasPost ? BELOW : number(m.group(5) != null ? m.group(5) : m.group(7));
            long dev = hasDev ? number(m.group(9)) : ABOVE;
            String[] local = m.group(10) == null ? null : m.group(10).split("[-_.]");
            return new Key(epoch, release, preKind, preNumber, post, dev, local);
        }

        private static long number(String digits) {
            return digits == null ? 0 : DpkgVersionOrder.parseLong(digits);
        }

        @Override
        public int compareTo(Key o) {
            int cmp = Long.compare(epoch, o.epoch);
            if (cmp == 0) {
                cmp = Arrays.compare(release, o.release);
            }
            if (cmp == 0) {
                cmp = Long.compare(preKind, o.preKind);
            }
            if (cmp == 0) {
                cmp = Long.compare(preNumber, o.preNumber);
            }
            if (cmp == 0) {
                cmp = Long.compare(post, o.post);
            }
            if (cmp == 0) {
                cmp = Long.compare(dev, o.dev);
            }
            return cmp != 0 ? Integer.signum(cmp) : compareLocal(local, o.local);
        }

        /** No local version first; then segment by segment, numbers above strings, longer above its prefix. */
        private static int compareLocal(String[] a, String[] b) {
            if (a == null || b == null) {
                return a == null && b == null ? 0 : a == null ? -1 : 1;
            }
            for (int i = 0; i < Math.min(a.length, b.length); i++) {
                boolean aNumber = a[i].chars().allMatch(Character::isDigit);
                boolean bNumber = b[i].chars().allMatch(Character::isDigit);
                int cmp = aNumber && bNumber ? RpmVersionOrder.compareNumeric(a[i], b[i])
                        : aNumber != bNumber ? (aNumber ? 1 : -1) : a[i].compareTo(b[i]);
                if (cmp != 0) {
                    return Integer.signum(cmp);
                }
            }
            return Integer.compare(a.length, b.length);
        }
    }
}
