package dev.berth.metadata;

import dev.berth.iam.Arn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Temporary credentials issued by STS (spec §4.1): the {@code ASIA…} access key id and its secret (kept, because
 * SigV4 verification needs it), the SHA-256 of the session token (hex; the token itself is never stored), who the
 * session is ({@code arn:aws:sts::<account>:assumed-role/<role>/<session>}) and what it was assumed from (role ARN
 * and role id, so a session of a deleted and recreated role can be told apart), the web identity's subject and
 * source identity (empty when none), the verified token claims as JSON text for audit, and its validity.
 * Immutable.
 */
public record StsSession(String accessKeyId, String secretAccessKey, String sessionTokenSha256, Arn assumedRoleArn,
                         Arn roleArn, String roleId, String sessionName, String subject, String sourceIdentity,
                         String webIdentityClaims, Instant issuedAt, Instant expiresAt) {
    public StsSession {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(sessionTokenSha256, "sessionTokenSha256");
        Objects.requireNonNull(assumedRoleArn, "assumedRoleArn");
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(roleId, "roleId");
        Objects.requireNonNull(sessionName, "sessionName");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(sourceIdentity, "sourceIdentity");
        Objects.requireNonNull(webIdentityClaims, "webIdentityClaims");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("a session must expire after it is issued: " + issuedAt + " .. "
                    + expiresAt);
        }
    }

    /** The lower-case hex SHA-256 of a session token's UTF-8 bytes: what {@link #sessionTokenSha256} holds. */
    public static String tokenSha256(String sessionToken) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(sessionToken.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Whether {@code sessionToken} is this session's token; compares the hashes in constant time. */
    public boolean tokenMatches(String sessionToken) {
        byte[] expected = sessionTokenSha256.getBytes(StandardCharsets.US_ASCII);
        byte[] actual = tokenSha256(sessionToken).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Whether the credentials are no longer valid at {@code now} (they are valid while {@code now < expiresAt}). */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
