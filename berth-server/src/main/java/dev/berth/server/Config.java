package dev.berth.server;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The server's configuration, validated once at start (a bad value fails fast, naming its key) and frozen.
 *
 * @param publicUrl the URL clients reach Berth at (no trailing slash); used for ARNs' proxyEndpoint and links
 * @param clockOffset added to the system clock, so time-based rules can be tested from outside
 * @param rootAccessKeyId the root key from the environment, or null to use (or generate) the data directory's
 * @param open serve {@code /v2/} without authentication (local development only)
 * @param lifecycleInterval how often the lifecycle sweep runs every repository's policy; zero: never by itself
 *     (runs on demand only)
 * @param lifecycleRestoreWindow how long an image a lifecycle run expired can be restored before it is deleted
 */
public record Config(String listenHost, int listenPort, Path dataDir, String publicUrl, String accountId,
                     String region, Duration clockOffset, boolean createOnPush, String rootAccessKeyId,
                     String rootSecretAccessKey, boolean open, Duration lifecycleInterval,
                     Duration lifecycleRestoreWindow) {
    public static final Duration DEFAULT_LIFECYCLE_INTERVAL = Duration.ofHours(24);
    public static final Duration DEFAULT_RESTORE_WINDOW = Duration.ofDays(7);
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

    public Config {
        Objects.requireNonNull(listenHost, "BERTH_LISTEN");
        Objects.requireNonNull(dataDir, "BERTH_DATA_DIR");
        if (listenPort < 0 || listenPort > 65535) {
            throw new ConfigException("BERTH_LISTEN", "port must be 0..65535");
        }
        if (!ACCOUNT.matcher(accountId).matches()) {
            throw new ConfigException("BERTH_ACCOUNT_ID", "must be 12 digits, got '" + accountId + "'");
        }
        if (!REGION.matcher(region).matches()) {
            throw new ConfigException("BERTH_REGION", "must look like us-east-1, got '" + region + "'");
        }
        if (publicUrl != null && !publicUrl.matches("https?://[^/\\s]+(/\\S*)?")) {
            throw new ConfigException("BERTH_PUBLIC_URL", "must be an http(s) URL, got '" + publicUrl + "'");
        }
        publicUrl = publicUrl == null ? null : publicUrl.replaceAll("/+$", "");
        Objects.requireNonNull(lifecycleInterval, "BERTH_LIFECYCLE_INTERVAL");
        Objects.requireNonNull(lifecycleRestoreWindow, "BERTH_LIFECYCLE_RESTORE_WINDOW");
        if (lifecycleInterval.isNegative()) {
            throw new ConfigException("BERTH_LIFECYCLE_INTERVAL", "must not be negative");
        }
        if (lifecycleRestoreWindow.isNegative()) {
            throw new ConfigException("BERTH_LIFECYCLE_RESTORE_WINDOW", "must not be negative");
        }
    }

    /** With the lifecycle defaults: a sweep every 24 hours, a 7-day restore window. */
    public Config(String listenHost, int listenPort, Path dataDir, String publicUrl, String accountId, String region,
                  Duration clockOffset, boolean createOnPush, String rootAccessKeyId, String rootSecretAccessKey,
                  boolean open) {
        this(listenHost, listenPort, dataDir, publicUrl, accountId, region, clockOffset, createOnPush,
                rootAccessKeyId, rootSecretAccessKey, open, DEFAULT_LIFECYCLE_INTERVAL, DEFAULT_RESTORE_WINDOW);
    }

    /** Parses {@code host:port} (IPv6 hosts in brackets). */
    public static InetSocketAddress parseListen(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw new ConfigException("BERTH_LISTEN", "must be host:port, got '" + value + "'");
        }
        String host = value.substring(0, colon).replaceAll("^\\[|\\]$", "");
        try {
            return InetSocketAddress.createUnresolved(host, Integer.parseInt(value.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("BERTH_LISTEN", "must be host:port, got '" + value + "'");
        }
    }

    public static Duration parseClockOffset(String value) {
        return parseDuration("BERTH_CLOCK_OFFSET", value, Duration.ZERO);
    }

    /** An ISO-8601 duration ({@code P7D}, {@code PT36H}); {@code fallback} when blank. */
    public static Duration parseDuration(String key, String value, Duration fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Duration.parse(value.trim());
        } catch (RuntimeException e) {
            throw new ConfigException(key, "must be an ISO-8601 duration like P7D or PT36H, got '" + value + "'");
        }
    }

    /** The metadata database in a data directory: the server's and the {@code vulndb} commands' alike. */
    public static Path metadataDatabase(Path dataDir) {
        return dataDir.resolve("metadata.db");
    }

    /** The server's clock: the system clock plus the configured offset. */
    public Clock clock() {
        return Clock.offset(Clock.systemUTC(), clockOffset);
    }

    /** Never shows the root secret. */
    @Override
    public String toString() {
        return "Config[listen=" + listenHost + ":" + listenPort + ", dataDir=" + dataDir + ", publicUrl=" + publicUrl
                + ", account=" + accountId + ", region=" + region + ", clockOffset=" + clockOffset
                + ", createOnPush=" + createOnPush + ", open=" + open + ", lifecycleInterval=" + lifecycleInterval
                + ", lifecycleRestoreWindow=" + lifecycleRestoreWindow + "]";
    }

    /** A configuration value that is missing or malformed; the message names the key. */
    public static final class ConfigException extends IllegalArgumentException {
        public ConfigException(String key, String problem) {
            super(key + ": " + problem);
        }
    }
}
