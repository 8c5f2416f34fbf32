package dev.berth.vulndb.version;

import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * Maven's version order, exactly as Maven itself resolves it ({@link ComparableVersion} of maven-artifact):
 * qualifiers {@code alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release < sp}, unknown
 * qualifiers after those alphabetically, trailing zeros ignored ({@code 1.0 = 1}).
 */
public final class MavenVersionOrder implements VersionOrder {
    public static final MavenVersionOrder INSTANCE = new MavenVersionOrder();

    private MavenVersionOrder() {}

    @Override
    public int compareVersions(String a, String b) {
        return Integer.signum(new ComparableVersion(a.trim()).compareTo(new ComparableVersion(b.trim())));
    }
}
