package dev.berth.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** SHA-256, HMAC-SHA256 and the SigV4 key derivation. Stateless. */
final class Crypto {
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final HexFormat HEX = HexFormat.of();

    private Crypto() {}

    static String sha256Hex(byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmacSha256(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    /** {@code kSigning} of SigV4: HMAC chain over date, region, service and {@code aws4_request}. */
    static byte[] signingKey(String secretAccessKey, String date, String region, String service) {
        byte[] kDate = hmacSha256(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
        byte[] kRegion = hmacSha256(kDate, region);
        byte[] kService = hmacSha256(kRegion, service);
        return hmacSha256(kService, "aws4_request");
    }

    /** Lower-case hex signature of {@code stringToSign}. */
    static String signature(byte[] signingKey, String stringToSign) {
        return HEX.formatHex(hmacSha256(signingKey, stringToSign));
    }

    /**
     * Compares two strings in constant time: their SHA-256 digests are compared with {@link MessageDigest#isEqual},
     * so neither the position of the first difference nor the expected value's length shows in the timing.
     */
    static boolean constantTimeEquals(String a, String b) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] da = sha256.digest(a.getBytes(StandardCharsets.UTF_8));
            byte[] db = sha256.digest(b.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(da, db);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
