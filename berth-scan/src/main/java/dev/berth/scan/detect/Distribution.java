package dev.berth.scan.detect;

import dev.berth.scan.OsRelease;

import java.util.Locale;
import java.util.Optional;

/**
 * The image's distribution as the OS package detectors need it: the OSV ecosystem name of its packages and the
 * purl namespace and {@code distro} qualifier. Without an os-release file the ecosystem is the bare family name
 * ("Debian", "Alpine"), which an advisory database cannot narrow to a release.
 */
public record Distribution(Optional<OsRelease> release) {

    public static Distribution unknown() {
        return new Distribution(Optional.empty());
    }

    private String id() {
        return release.map(OsRelease::id).orElse("");
    }

    private String versionId() {
        return release.map(OsRelease::versionId).orElse("");
    }

    /** OSV ecosystem of dpkg packages: "Debian:12", "Ubuntu:22.04". */
    public String dpkgEcosystem() {
        return switch (id()) {
            case "ubuntu" -> withRelease("Ubuntu", versionId());
            case "debian", "" -> withRelease("Debian", majorVersion());
            default -> withRelease(capitalized(id()), versionId());
        };
    }

    /** OSV ecosystem of apk packages: "Alpine:v3.19", "Wolfi", "Chainguard". */
    public String apkEcosystem() {
        return switch (id()) {
            case "alpine", "" -> {
                String[] parts = versionId().split("[._]");
                yield parts.length >= 2 ? "Alpine:v" + parts[0] + "." + parts[1] : "Alpine";
            }
            case "wolfi" -> "Wolfi";
            case "chainguard" -> "Chainguard";
            default -> capitalized(id());
        };
    }

    /** OSV ecosystem of rpm packages: "Red Hat", "Rocky Linux", "AlmaLinux", "openSUSE", "SUSE". */
    public String rpmEcosystem() {
        String id = id();
        if (id.startsWith("opensuse")) {
            return "openSUSE";
        }
        return switch (id) {
            case "rhel" -> "Red Hat";
            case "rocky" -> "Rocky Linux";
            case "almalinux" -> "AlmaLinux";
            case "sles", "sled", "sle-micro" -> "SUSE";
            case "mariner" -> "Mariner";
            case "azurelinux" -> "Azure Linux";
            case "photon" -> "Photon OS";
            case "openeuler" -> "openEuler";
            case "" -> "Red Hat";
            default -> capitalized(id);
        };
    }

    /** The purl namespace for OS packages: the os-release ID ("debian", "alpine", "rhel"), or {@code fallback}. */
    public String purlNamespace(String fallback) {
        return id().isEmpty() ? fallback : id();
    }

    /** The purl {@code distro} qualifier: "debian-12", "alpine-3.19.1", "rhel-9.3"; empty when unknown. */
    public String purlDistro() {
        if (id().isEmpty()) {
            return "";
        }
        return versionId().isEmpty() ? id() : id() + "-" + versionId();
    }

    private String majorVersion() {
        String version = versionId();
        int dot = version.indexOf('.');
        return dot < 0 ? version : version.substring(0, dot);
    }

    private static String withRelease(String family, String version) {
        return version.isEmpty() ? family : family + ":" + version;
    }

    private static String capitalized(String id) {
        return id.isEmpty() ? id : id.substring(0, 1).toUpperCase(Locale.ROOT) + id.substring(1);
    }
}
