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
 * @param gcInterval how long after one garbage collection ends the next starts ({@code BERTH_GC_INTERVAL})
 * @param gcGrace how long unreferenced blobs and unneeded links are kept ({@code BERTH_GC_GRACE})
 * @param uploadExpiry how long an upload session may be idle before it is discarded ({@code BERTH_UPLOAD_EXPIRY})
 * @param lifecycleInterval how often the lifecycle sweep runs every repository's policy; zero: never by itself
 *     (runs on demand only)
 * @param lifecycleRestoreWindow how long an image a lifecycle run expired can be restored before it is deleted
 */
public record Config(String listenHost, int listenPort, Path dataDir, String publicUrl, String accountId,
                     String region, Duration clockOffset, boolean createOnPush, String rootAccessKeyId,
                     String rootSecretAccessKey, boolean open, Duration gcInterval, Duration gcGrace,
                     Duration uploadExpiry, Duration lifecycleInterval, Duration lifecycleRestoreWindow) {
    public static final Duration DEFAULT_GC_INTERVAL = Duration.ofHours(1);
    public static final Duration DEFAULT_GC_GRACE = Duration.ofHours(24);
    public static final Duration DEFAULT_UPLOAD_EXPIRY = Duration.ofHours(24);
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
        Objects.requireNonNull(gcInterval, "BERTH_GC_INTERVAL");
        Objects.requireNonNull(gcGrace, "BERTH_GC_GRACE");
        Objects.requireNonNull(uploadExpiry, "BERTH_UPLOAD_EXPIRY");
        if (gcInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ConfigException("BERTH_GC_INTERVAL", "must be at least one second, got " + gcInterval);
        }
        if (gcGrace.isNegative()) {
            throw new ConfigException("BERTH_GC_GRACE", "must not be negative, got " + gcGrace);
        }
        if (uploadExpiry.isNegative()) {
            throw new ConfigException("BERTH_UPLOAD_EXPIRY", "must not be negative, got " + uploadExpiry);
        }
        Objects.requireNonNull(lifecycleInterval, "BERTH_LIFECYCLE_INTERVAL");
        Objects.requireNonNull(lifecycleRestoreWindow, "BERTH_LIFECYCLE_RESTORE_WINDOW");
        if (lifecycleInterval.isNegative()) {
            throw new ConfigException("BERTH_LIFECYCLE_INTERVAL", "must not be negative, got " + lifecycleInterval);
        }
        if (lifecycleRestoreWindow.isNegative()) {
            throw new ConfigException("BERTH_LIFECYCLE_RESTORE_WINDOW", "must not be negative, got "
                    + lifecycleRestoreWindow);
        }
    }

    /**
     * A configuration with the background work's defaults: garbage collection hourly with a 24 h grace, uploads
     * expire after 24 h idle, a lifecycle sweep every 24 h, a 7-day restore window.
     */
    public Config(String listenHost, int listenPort, Path dataDir, String publicUrl, String accountId, String region,
                  Duration clockOffset, boolean createOnPush, String rootAccessKeyId, String rootSecretAccessKey,
                  boolean open) {
        this(listenHost, listenPort, dataDir, publicUrl, accountId, region, clockOffset, createOnPush,
                rootAccessKeyId, rootSecretAccessKey, open, DEFAULT_GC_INTERVAL, DEFAULT_GC_GRACE,
                DEFAULT_UPLOAD_EXPIRY, DEFAULT_LIFECYCLE_INTERVAL, DEFAULT_RESTORE_WINDOW);
    }

    /** This configuration with other garbage collection settings. */
    public Config withGc(Duration interval, Duration grace, Duration expiry) {
        return new Config(listenHost, listenPort, dataDir, publicUrl, accountId, region, clockOffset, createOnPush,
                rootAccessKeyId, rootSecretAccessKey, open, interval, grace, expiry, lifecycleInterval,
                lifecycleRestoreWindow);
    }

    /** This configuration with other lifecycle settings. */
    public Config withLifecycle(Duration interval, Duration restoreWindow) {
        return new Config(listenHost, listenPort, dataDir, publicUrl, accountId, region, clockOffset, createOnPush,
                rootAccessKeyId, rootSecretAccessKey, open, gcInterval, gcGrace, uploadExpiry, interval, restoreWindow);
    }

    /**
     * Parses a duration setting: ISO-8601 ({@code PT1H}, {@code P1D}) or a number with a unit {@code s}, {@code m},
     * {@code h} or {@code d} ({@code 90s}, {@code 24h}); {@code 0} is zero.
     */
    public static Duration parseDuration(String key, String value, Duration fallback) {
        String v = value == null ? "" : value.trim();
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            if (v.equals("0")) {
                return Duration.ZERO;
            }
            if (v.matches("\\d{1,9}[smhd]")) {
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                return switch (v.charAt(v.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            return Duration.parse(v);
        } catch (RuntimeException e) {
            throw new ConfigException(key, "must be a duration like 24h, 30m, 0 or PT1H, got '" + value + "'");
        }
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
        if (value == null || value.isBlank()) {
            return Duration.ZERO;
        }
        try {
            return Duration.parse(value.trim());
        } catch (RuntimeException e) {
            throw new ConfigException("BERTH_CLOCK_OFFSET", "must be an ISO-8601 duration like P7D or PT36H");
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
                + ", createOnPush=" + createOnPush + ", open=" + open + ", gcInterval=" + gcInterval + ", gcGrace="
                + gcGrace + ", uploadExpiry=" + uploadExpiry + ", lifecycleInterval=" + lifecycleInterval
                + ", lifecycleRestoreWindow=" + lifecycleRestoreWindow + "]";
    }

    /** A configuration value that is missing or malformed; the message names the key. */
    public static final class ConfigException extends IllegalArgumentException {
        public ConfigException(String key, String problem) {
            super(key + ": " + problem);
        }
    }
}
