package dev.berth.vulndb.version;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Berth knows of each OSV ecosystem: the version order of its {@code ECOSYSTEM} ranges, how its names and
 * release suffixes are normalised so that an advisory's spelling and a scanner's spelling meet, and whether its
 * advisories name source packages.
 */
public final class Ecosystems {
    private static final Pattern PYPI_SEPARATORS = Pattern.compile("[-_.]+");
    private static final Pattern ALPINE_RELEASE = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.\\d+)*");
    private static final Pattern DEBIAN_RELEASE = Pattern.compile("(\\d+)(?:\\.\\d+)*");

    private Ecosystems() {}

    /** The ecosystem's name without its release ("Debian:12" → "Debian"). */
    public static String base(String ecosystem) {
        int colon = ecosystem.indexOf(':');
        return (colon < 0 ? ecosystem : ecosystem.substring(0, colon)).trim();
    }

    /** The version order of {@code ECOSYSTEM} ranges in this ecosystem (semver-like for ones Berth does not know). */
    public static VersionOrder versionOrder(String ecosystem) {
        return switch (base(ecosystem).toLowerCase(Locale.ROOT)) {
            case "debian", "ubuntu" -> DpkgVersionOrder.INSTANCE;
            case "alpine" -> ApkVersionOrder.INSTANCE;
            case "red hat", "rocky linux", "almalinux", "opensuse", "suse", "mageia", "openeuler" ->
                    RpmVersionOrder.INSTANCE;
            case "maven" -> MavenVersionOrder.INSTANCE;
            case "pypi" -> Pep440VersionOrder.INSTANCE;
            case "go" -> GoVersionOrder.INSTANCE;
            default -> SemverOrder.INSTANCE;   // npm, crates.io, NuGet, Packagist, RubyGems (close enough), others
        };
    }

    /**
     * Whether the ecosystem's advisories name source packages (Debian and Ubuntu source packages, Alpine
     * origins), so a package is looked up by its {@code sourceName}/{@code sourceVersion}.
     */
    public static boolean bySourcePackage(String ecosystem) {
        return switch (base(ecosystem).toLowerCase(Locale.ROOT)) {
            case "debian", "ubuntu", "alpine" -> true;
            default -> false;
        };
    }

    /**
     * The ecosystem as a lookup key: lower case; Debian releases by major ("Debian:12.5" → "debian:12"); Alpine
     * releases as {@code vMAJOR.MINOR} ("Alpine:3.19.1" → "alpine:v3.19"); Ubuntu without the ":LTS" mark
     * ("Ubuntu:22.04:LTS" → "ubuntu:22.04"). "Ubuntu:Pro:..." stays apart: those fixes exist only for Pro users.
     */
    public static String normalize(String ecosystem) {
        String base = base(ecosystem).toLowerCase(Locale.ROOT);
        int colon = ecosystem.indexOf(':');
        if (colon < 0) {
            return base;
        }
        String release = ecosystem.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
        switch (base) {
            case "debian" -> {
                Matcher m = DEBIAN_RELEASE.matcher(release);
                release = m.matches() ? m.group(1) : release;
            }
            case "alpine" -> {
                Matcher m = ALPINE_RELEASE.matcher(release);
                release = m.matches() ? "v" + m.group(1) + "." + m.group(2) : release;
            }
            case "ubuntu" -> release = release.replaceFirst(":lts$", "");
            default -> { }
        }
        return release.isEmpty() ? base : base + ":" + release;
    }

    /**
     * A package name as a lookup key in its ecosystem: PyPI names per PEP 503 (lower case, runs of {@code -_.}
     * as one {@code -}); npm, NuGet and Composer names lower case (their registries are case-insensitive);
     * everything else as written (Maven {@code group:artifact}, Go module paths and distribution package names
     * are case-sensitive), trimmed.
     */
    public static String normalizeName(String ecosystem, String name) {
        String trimmed = name.trim();
        return switch (base(ecosystem).toLowerCase(Locale.ROOT)) {
            case "pypi" -> PYPI_SEPARATORS.matcher(trimmed.toLowerCase(Locale.ROOT)).replaceAll("-");
            case "npm", "nuget", "packagist" -> trimmed.toLowerCase(Locale.ROOT);
            case "go" -> trimmed.replaceFirst("/+$", "");
            default -> trimmed;
        };
    }
}
