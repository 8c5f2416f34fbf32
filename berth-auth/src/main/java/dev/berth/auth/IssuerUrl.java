package dev.berth.auth;

import dev.berth.iam.WebIdentity;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An OIDC issuer URL, checked the way Berth accepts issuers: an absolute {@code https://} URL with a host, an
 * optional port and path, no user info, query or fragment, at most 255 characters (IAM's limit); plain
 * {@code http://} only when the host is a loopback address ({@code localhost}, {@code 127.0.0.0/8}, {@code [::1]}),
 * for tests. Host names are never resolved here. The IAM edge can use {@link #parse} to validate
 * CreateOpenIDConnectProvider's {@code Url} too, and must store {@link #providerUrl()}.
 *
 * @param url the issuer exactly as given ({@code https://token.actions.githubusercontent.com})
 */
public record IssuerUrl(String url) {
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    public IssuerUrl {
        Objects.requireNonNull(url, "url");
        if (url.length() > 255) {
            throw new IllegalArgumentException("issuer URL is longer than 255 characters");
        }
        try {
            check(new URI(url), true);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("issuer is not a URL: " + e.getReason(), e);
        }
    }

    /** Parses an issuer; throws {@link IllegalArgumentException} naming the problem. */
    public static IssuerUrl parse(String url) {
        return new IssuerUrl(url);
    }

    /** The issuer as IAM stores it and as condition keys start: without scheme or trailing slash. */
    public String providerUrl() {
        return WebIdentity.keyPrefix(url);
    }

    /** {@code <issuer>/.well-known/openid-configuration} (OpenID Connect Discovery 1.0, section 4). */
    public URI discoveryUri() {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return URI.create(base + "/.well-known/openid-configuration");
    }

    /**
     * Checks a URL Berth is about to fetch (the discovery document's {@code jwks_uri}) against the same scheme
     * rules as issuers; {@code issuer} says whether query strings are refused too.
     */
    static void check(URI uri, boolean issuer) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("'" + uri + "' is not an absolute URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("'" + uri + "' must not contain user info");
        }
        if (uri.getRawFragment() != null || (issuer && uri.getRawQuery() != null)) {
            throw new IllegalArgumentException("'" + uri + "' must not have a " + (issuer ? "query or " : "")
                    + "fragment");
        }
        if (scheme.equals("https")) {
            return;
        }
        if (scheme.equals("http") && isLoopback(uri.getHost())) {
            return;
        }
        throw new IllegalArgumentException("'" + uri + "' must use https (plain http only for loopback hosts)");
    }

    /** True for {@code localhost}, a literal {@code 127.0.0.0/8} address or the literal {@code [::1]}. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || IPV4_LOOPBACK.matcher(h).matches()) {
            return true;
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            try {
                // an IPv6 literal: parsed, never looked up
                return InetAddress.getByName(h.substring(1, h.length() - 1)).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return url;
    }
}
