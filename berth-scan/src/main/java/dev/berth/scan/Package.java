package dev.berth.scan;

import java.util.Objects;

/**
 * One package found in an image.
 *
 * @param ecosystem     the OSV ecosystem the package belongs to, as OSV spells it ("Debian:12", "Alpine:v3.19",
 *                      "Red Hat", "Maven", "npm", "PyPI", "Go"), so advisories can be looked up by it
 * @param name          the package name in that ecosystem ("libssl3", "org.apache.logging.log4j:log4j-core",
 *                      "lodash", "requests" (as written), "golang.org/x/net")
 * @param version       the installed version, exactly as the package database records it (epoch included)
 * @param sourceName    the source package it was built from when the ecosystem tracks advisories by source
 *                      (dpkg {@code Source:}, apk origin, rpm source rpm name), else the same as {@code name}
 * @param sourceVersion the source package's version when it differs, else the same as {@code version}
 * @param purl          the package URL (https://github.com/package-url/purl-spec) used in the SBOM
 * @param location      where in the image it was found ("/var/lib/dpkg/status", "/app/app.jar!/lib/x.jar")
 */
public record Package(String ecosystem, String name, String version, String sourceName, String sourceVersion,
                      String purl, String location) {
    public Package {
        Objects.requireNonNull(ecosystem, "ecosystem");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        sourceName = sourceName == null || sourceName.isEmpty() ? name : sourceName;
        sourceVersion = sourceVersion == null || sourceVersion.isEmpty() ? version : sourceVersion;
        Objects.requireNonNull(purl, "purl");
        Objects.requireNonNull(location, "location");
    }
}
