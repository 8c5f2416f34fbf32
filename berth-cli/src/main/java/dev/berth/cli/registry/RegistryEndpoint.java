package dev.berth.cli.registry;

import java.net.URI;
import java.util.Objects;

/**
 * Where a registry's API is: {@code https://host/v2/} unless the registry is on the loopback interface
 * ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}) or the user asked for plain HTTP.
 *
 * @param registry the registry as docker names it ({@code host[:port]}, or {@code docker.io})
 */
public record RegistryEndpoint(String registry, boolean plainHttp) {
    public RegistryEndpoint {
        Objects.requireNonNull(registry, "registry");
    }

    public static RegistryEndpoint of(String registry, boolean forcePlainHttp) {
        return new RegistryEndpoint(registry, forcePlainHttp || isLoopback(registry));
    }

    static boolean isLoopback(String registry) {
        String host = registry.startsWith("[") ? registry.substring(0, registry.indexOf(']') + 1)
                : registry.contains(":") ? registry.substring(0, registry.indexOf(':')) : registry;
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    }

    /** The host that serves the API: Docker Hub's registry is not at {@code docker.io} itself. */
    public String apiHost() {
        return registry.equals(ImageReference.DOCKER_HUB) ? "registry-1.docker.io" : registry;
    }

    public URI base() {
        return URI.create((plainHttp ? "http://" : "https://") + apiHost());
    }

    /** {@code path} (starting with {@code /v2/}) or an absolute URL from a {@code Location} header, resolved. */
    public URI resolve(String pathOrUrl) {
        return base().resolve(pathOrUrl);
    }
}
