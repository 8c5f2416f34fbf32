package dev.berth.cli.aws;

import dev.berth.cli.CliException;
import dev.berth.cli.ExitCode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a Berth registry is: the base URL of its AWS APIs and of {@code /v2/} (one port serves both), and the
 * {@code host[:port]} docker keys its credentials by. Parsed once from {@code --registry}: a URL, or a bare
 * {@code host[:port]}, which means https except on loopback, where it means http (docker's own default for
 * loopback registries).
 */
public record RegistryEndpoint(URI url, String host) {

    public static RegistryEndpoint parse(String text) {
        String trimmed = text.strip();
        int schemeEnd = trimmed.indexOf("://");
        while (trimmed.endsWith("/") && trimmed.length() > schemeEnd + 3) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (schemeEnd < 0) {
            trimmed = (isLoopback(hostOnly(trimmed)) ? "http://" : "https://") + trimmed;
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw invalid(text, "not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid(text, "the scheme must be http or https");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid(text, "no host");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
            throw invalid(text, "a registry URL has no path");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        return new RegistryEndpoint(URI.create(scheme + "://" + host), host);
    }

    /**
     * The docker key of a server URL as docker passes it to credential helpers ({@code 127.0.0.1:5000},
     * {@code https://berth.example:443/v2/}): host and port, lower case, without scheme or path.
     */
    public static String hostKey(String serverUrl) {
        String s = serverUrl.strip();
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            s = s.substring(scheme + 3);
        }
        int slash = s.indexOf('/');
        if (slash >= 0) {
            s = s.substring(0, slash);
        }
        return s.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return url.toString();
    }

    private static String hostOnly(String hostPort) {
        if (hostPort.startsWith("[")) {
            int end = hostPort.indexOf(']');
            return end < 0 ? hostPort : hostPort.substring(1, end);
        }
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1");
    }

    private static CliException invalid(String text, String why) {
        return new CliException(ExitCode.USAGE, "--registry " + text + ": " + why
                + " (expected e.g. https://berth.example.internal or 127.0.0.1:5000)");
    }
}
