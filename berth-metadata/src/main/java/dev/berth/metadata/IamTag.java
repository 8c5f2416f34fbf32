package dev.berth.metadata;

import java.util.Objects;

/**
 * A tag on an IAM role or OIDC provider: {@code Key} and {@code Value} as on the wire. Validation (lengths,
 * characters, at most 50, keys unique regardless of case) is the IAM service's job; the store keeps what it is given.
 */
public record IamTag(String key, String value) {
    public IamTag {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
