package dev.berth.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Registry passwords as ECR GetAuthorizationToken issues them: valid 12 h (never longer than the credentials that
 * asked), bound to the calling access key, with no ':' inside. A password is self-contained and signed with a key
 * every node shares (kept in the metadata store), so checking one needs no write:
 * {@code v1.<base64url access key id>.<expiry epoch s>.<base64url HMAC-SHA256>}. A password stops working when
 * its credentials do (the session is looked up on every use). Thread-safe.
 */
public final class RegistryTokens {
    public static final Duration VALIDITY = Duration.ofHours(12);
    /** How long a pre-signed blob download URL works. */
    public static final Duration DOWNLOAD_VALIDITY = Duration.ofMinutes(15);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final byte[] key;
    private final CredentialDirectory credentials;
    private final Clock clock;

    /** @param key the shared signing key (at least 32 bytes) */
    public RegistryTokens(byte[] key, CredentialDirectory credentials, Clock clock) {
        if (key.length < 32) {
            throw new IllegalArgumentException("registry token key must be at least 32 bytes");
        }
        this.key = key.clone();
        this.credentials = credentials;
        this.clock = clock;
    }

    /** A fresh random key, base64-encoded, for the store to keep when none exists yet. */
    public static String newKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The password for {@code principal} and when it expires. */
    public Issued issue(Principal principal) {
        Instant expiry = clock.instant().plus(VALIDITY);
        if (principal.expiresAt() != null && principal.expiresAt().isBefore(expiry)) {
            expiry = principal.expiresAt();
        }
        String payload = "v1." + B64.encodeToString(principal.accessKeyId().getBytes(StandardCharsets.UTF_8)) + "."
                + expiry.getEpochSecond();
        return new Issued(payload + "." + B64.encodeToString(mac(payload)), Instant.ofEpochSecond(expiry.getEpochSecond()));
    }

    /** The principal a password stands for, if it is genuine, unexpired and its credentials still work. */
    public Optional<Principal> verify(String password) {
        String[] parts = password.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("v1")) {
            return Optional.empty();
        }
        String payload = parts[0] + "." + parts[1] + "." + parts[2];
        byte[] sent;
        long expiry;
        String accessKeyId;
        try {
            sent = B64D.decode(parts[3]);
            expiry = Long.parseLong(parts[2]);
            accessKeyId = new String(B64D.decode(parts[1]), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!java.security.MessageDigest.isEqual(mac(payload), sent)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!now.isBefore(Instant.ofEpochSecond(expiry))) {
            return Optional.empty();
        }
        return credentials.find(accessKeyId)
                .filter(s -> s.expiresAt() == null || now.isBefore(s.expiresAt()))
                .map(AccessKeySecret::principal);
    }

    /**
     * A pre-signed download of one blob (ECR GetDownloadUrlForLayer): a token naming the caller's access key, the
     * repository, the digest and an expiry {@link #DOWNLOAD_VALIDITY} away (never beyond the caller's credentials),
     * {@code d1.<base64url access key id>.<expiry epoch s>.<base64url HMAC-SHA256>}. It grants nothing by itself:
     * the request it authenticates is still authorized as that caller.
     */
    public String signDownload(Principal principal, String repository, String digest) {
        Instant expiry = clock.instant().plus(DOWNLOAD_VALIDITY);
        if (principal.expiresAt() != null && principal.expiresAt().isBefore(expiry)) {
            expiry = principal.expiresAt();
        }
        String payload = "d1." + B64.encodeToString(principal.accessKeyId().getBytes(StandardCharsets.UTF_8)) + "."
                + expiry.getEpochSecond();
        return payload + "." + B64.encodeToString(mac(payload + "\n" + repository + "\n" + digest));
    }

    /** The caller a download token stands for, if it is genuine for this blob, unexpired and its key still works. */
    public Optional<Principal> verifyDownload(String token, String repository, String digest) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("d1")) {
            return Optional.empty();
        }
        String payload = parts[0] + "." + parts[1] + "." + parts[2];
        try {
            byte[] sent = B64D.decode(parts[3]);
            long expiry = Long.parseLong(parts[2]);
            String accessKeyId = new String(B64D.decode(parts[1]), StandardCharsets.UTF_8);
            if (!java.security.MessageDigest.isEqual(mac(payload + "\n" + repository + "\n" + digest), sent)) {
                return Optional.empty();
            }
            Instant now = clock.instant();
            if (!now.isBefore(Instant.ofEpochSecond(expiry))) {
                return Optional.empty();
            }
            return credentials.find(accessKeyId)
                    .filter(s -> s.expiresAt() == null || now.isBefore(s.expiresAt()))
                    .map(AccessKeySecret::principal);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** A password and its expiry. Never log the password. */
    public record Issued(String password, Instant expiresAt) {
        @Override
        public String toString() {
            return "Issued[password hidden, expiresAt=" + expiresAt + "]";
        }
    }
}
