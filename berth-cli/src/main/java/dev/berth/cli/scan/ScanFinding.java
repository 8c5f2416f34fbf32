package dev.berth.cli.scan;

import java.util.Objects;

/** One finding as the summary shows it: the vulnerability, its severity and the package it was found in. */
public record ScanFinding(String name, Severity severity, String packageName, String packageVersion, String uri) {
    public ScanFinding {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(severity, "severity");
        packageName = packageName == null ? "" : packageName;
        packageVersion = packageVersion == null ? "" : packageVersion;
        uri = uri == null ? "" : uri;
    }
}
