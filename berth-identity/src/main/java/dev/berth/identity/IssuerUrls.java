package dev.berth.identity;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * OIDC issuer URLs as IAM keeps them: without the scheme, {@code host[:port][/path]}, without trailing slashes
 * ({@code https://token.actions.githubusercontent.com/acme/} is kept as
 * {@code token.actions.githubusercontent.com/acme}).
 * Registering needs {@code https://}; plain {@code http://} is accepted only for loopback hosts (127.0.0.0/8,
 * {@code ::1}, {@code localhost}), so tests can run an issuer without TLS. Host names are never resolved.
 */
final class IssuerUrls {
    private static final String HTTPS = "https://";
    private static final String HTTP = "http://";
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private IssuerUrls() {}

    /** The URL to store for a CreateOpenIDConnectProvider {@code Url}; InvalidInput naming the problem if refused. */
    static String registrable(String url) {
        boolean https = url.startsWith(HTTPS);
        if (!https && !url.startsWith(HTTP)) {
            throw invalid(url, "it must begin with https://");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid(url, "it is not a URL (" + e.getReason() + ")");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw invalid(url, "it must name a host, without user information");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(url, "it must not have a query or a fragment");
        }
        if (!https && !isLoopback(uri.getHost())) {
            throw invalid(url, "it must begin with https:// (http:// is accepted only for loopback hosts)");
        }
        if (url.indexOf('*') >= 0) {
            throw invalid(url, "it must not contain '*'");
        }
        String stored = withoutTrailingSlashes(url.substring(https ? HTTPS.length() : HTTP.length()));
        if (stored.isEmpty() || stored.startsWith("/")) {
            throw invalid(url, "it must name a host");
        }
        return stored;
    }

    /**
     * The stored form of a token's {@code iss}, if it could have been registered: {@code https://} anything, or
     * {@code http://} a loopback host. Lenient: no other checks, since the lookup that follows is an exact match.
     */
    static Optional<String> fromIssuer(String issuer) {
        if (issuer.startsWith(HTTPS)) {
            return nonEmpty(withoutTrailingSlashes(issuer.substring(HTTPS.length())));
        }
        if (issuer.startsWith(HTTP)) {
            try {
                URI uri = new URI(issuer);
                if (uri.getHost() != null && isLoopback(uri.getHost())) {
                    return nonEmpty(withoutTrailingSlashes(issuer.substring(HTTP.length())));
                }
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Whether a URI host is a loopback name or address literal; never a DNS lookup. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || LOOPBACK_V4.matcher(h).matches()) {
            return true;
        }
        if (h.startsWith("[") && h.endsWith("]") && h.indexOf(':') >= 0) {
            try {
                // An IPv6 literal: parsed, not looked up.
                return InetAddress.getByName(h.substring(1, h.length() - 1)).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    private static String withoutTrailingSlashes(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(0, end);
    }

    private static Optional<String> nonEmpty(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static IamException invalid(String url, String problem) {
        return new IamException(IamError.INVALID_INPUT, "Invalid Open ID Connect Provider URL " + url + ": "
                + problem + ".");
    }
}
