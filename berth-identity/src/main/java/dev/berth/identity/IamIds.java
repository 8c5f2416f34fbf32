package dev.berth.identity;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Fresh random identifiers in AWS's formats (spec §4.6), from a {@link SecureRandom}: role ids {@code AROA} + 17,
 * temporary access key ids {@code ASIA} + 16 upper-case letters and digits, 40-character secret access keys, and
 * opaque session tokens. Thread-safe.
 */
public final class IamIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    /** Session tokens carry 512 random bits. */
    private static final int SESSION_TOKEN_BYTES = 64;

    private IamIds() {}

    /** A role's unique id: {@code AROA} and 17 upper-case letters or digits (21 characters). */
    public static String roleId() {
        return "AROA" + random(UPPER_ALNUM, 17);
    }

    /** An STS access key id: {@code ASIA} and 16 upper-case letters or digits (20 characters). */
    public static String temporaryAccessKeyId() {
        return "ASIA" + random(UPPER_ALNUM, 16);
    }

    /** A long-term access key id: {@code AKIA} and 16 upper-case letters or digits (20 characters). */
    public static String accessKeyId() {
        return "AKIA" + random(UPPER_ALNUM, 16);
    }

    /** A secret access key: 40 characters of {@code [A-Za-z0-9+/]}, as AWS's. */
    public static String secretAccessKey() {
        return random(SECRET_ALPHABET, 40);
    }

    /** A session token: 64 random bytes, base64url without padding (86 characters, safe in a query string). */
    public static String sessionToken() {
        byte[] bytes = new byte[SESSION_TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String random(String alphabet, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
