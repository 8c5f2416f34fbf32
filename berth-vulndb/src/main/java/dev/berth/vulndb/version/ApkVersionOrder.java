package dev.berth.vulndb.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alpine's version order (apk-tools): {@code digits(.digits)*[letter](_suffix[digits])*[~hash][-rN]}. Numbers
 * compare numerically and more numbers win ({@code 1.2.1 > 1.2}); then a letter beats none; then suffixes, where
 * {@code _alpha < _beta < _pre < _rc <} no suffix {@code < _cvs < _svn < _git < _hg < _p}; then the package
 * revision {@code -rN}. A version outside the grammar falls back to dpkg's lenient comparison.
 */
public final class ApkVersionOrder implements VersionOrder {
    public static final ApkVersionOrder INSTANCE = new ApkVersionOrder();

    private static final Pattern GRAMMAR = Pattern.compile(
            "(\\d+(?:\\.\\d+)*)([a-z]?)((?:_(?:alpha|beta|pre|rc|cvs|svn|git|hg|p)\\d*)*)(?:~[0-9a-f]+)?(?:-r(\\d+))?");
    private static final Pattern SUFFIX = Pattern.compile("_(alpha|beta|pre|rc|cvs|svn|git|hg|p)(\\d*)");
    /** Rank of each suffix; 0 is "no suffix". */
    private static final Map<String, Integer> SUFFIX_RANK = Map.of(
            "alpha", -4, "beta", -3, "pre", -2, "rc", -1, "cvs", 1, "svn", 2, "git", 3, "hg", 4, "p", 5);

    private ApkVersionOrder() {}

    @Override
    public int compareVersions(String a, String b) {
        Version x = Version.parse(a.trim());
        Version y = Version.parse(b.trim());
        if (x == null || y == null) {
            return DpkgVersionOrder.verrevcmp(a, b);
        }
        return x.compareTo(y);
    }

    private record Version(List<String> numbers, String letter, List<long[]> suffixes, long revision)
            implements Comparable<Version> {

        static Version parse(String text) {
            Matcher m = GRAMMAR.matcher(text);
            if (!m.matches()) {
                return null;
            }
            List<long[]> suffixes = new ArrayList<>();
            Matcher s = SUFFIX.matcher(m.group(3));
            while (s.find()) {
                suffixes.add(new long[] {SUFFIX_RANK.get(s.group(1)),
                        s.group(2).isEmpty() ? 0 : DpkgVersionOrder.parseLong(s.group(2))});
            }
            return new Version(List.of(m.group(1).split("\\.")), m.group(2), suffixes,
                    m.group(4) == null ? 0 : DpkgVersionOrder.parseLong(m.group(4)));
        }

        @Override
        public int compareTo(Version o) {
            for (int i = 0; i < Math.min(numbers.size(), o.numbers.size()); i++) {
                int cmp = compareComponent(i, numbers.get(i), o.numbers.get(i));
                if (cmp != 0) {
                    return cmp;
                }
            }
            if (numbers.size() != o.numbers.size()) {
                return Integer.compare(numbers.size(), o.numbers.size());
            }
            int byLetter = letter.compareTo(o.letter);
            if (byLetter != 0) {
                return Integer.signum(byLetter);
            }
            for (int i = 0; i < Math.max(suffixes.size(), o.suffixes.size()); i++) {
                long[] mine = i < suffixes.size() ? suffixes.get(i) : new long[] {0, 0};
                long[] theirs = i < o.suffixes.size() ? o.suffixes.get(i) : new long[] {0, 0};
                int cmp = mine[0] != theirs[0] ? Long.compare(mine[0], theirs[0]) : Long.compare(mine[1], theirs[1]);
                if (cmp != 0) {
                    return cmp;
                }
            }
            return Long.compare(revision, o.revision);
        }

        /**
         * apk compares the first number by value; later ones with a leading zero as decimal fractions
         * ({@code 1.01 < 1.1}), otherwise by value.
         */
        private static int compareComponent(int index, String x, String y) {
            if (index > 0 && (x.startsWith("0") || y.startsWith("0"))) {
                return Integer.signum(x.compareTo(y));
            }
            return RpmVersionOrder.compareNumeric(x, y);
        }
    }
}
