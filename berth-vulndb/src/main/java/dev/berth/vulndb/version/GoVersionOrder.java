package dev.berth.vulndb.version;

/**
 * Go module versions: semantic versions with a {@code v} prefix ({@code v1.2.3}); pseudo-versions
 * ({@code v0.0.0-20191109021931-daa7c04131f5}, {@code v1.2.4-0.20191109021931-daa7c04131f5}) are pre-releases and
 * so order by their timestamp below the next release; {@code +incompatible} is build metadata and ignored. OSV's
 * Go ecosystem writes versions without the {@code v}; both spellings compare the same.
 */
public final class GoVersionOrder implements VersionOrder {
    public static final GoVersionOrder INSTANCE = new GoVersionOrder();

    private GoVersionOrder() {}

    @Override
    public int compareVersions(String a, String b) {
        return SemverOrder.INSTANCE.compareVersions(a, b);
    }
}
