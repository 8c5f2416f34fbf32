package dev.berth.scan;

/**
 * The distribution an image is built on, from {@code /etc/os-release} (or {@code /usr/lib/os-release}).
 *
 * @param id        {@code ID} ("debian", "ubuntu", "alpine", "rhel", "rocky", "almalinux")
 * @param versionId {@code VERSION_ID} ("12", "22.04", "3.19.1"); may be empty (Debian testing)
 * @param prettyName {@code PRETTY_NAME}, for people
 */
public record OsRelease(String id, String versionId, String prettyName) {
}
