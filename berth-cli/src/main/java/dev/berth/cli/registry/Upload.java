package dev.berth.cli.registry;

import java.net.URI;

/** An upload session, by the URL its latest response named (registries may change it after every chunk). */
public record Upload(URI location) {
    URI withDigest(String digest) {
        String url = location.toString();
        return URI.create(url + (location.getRawQuery() == null ? "?" : "&") + "digest=" + digest);
    }
}
