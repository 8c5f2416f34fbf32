package dev.berth.auth;

import dev.berth.iam.Arn;
import java.time.Instant;

/**
 * What AssumeRoleWithWebIdentity returns. Holds a secret and a session token: never log it.
 *
 * @param assumedRoleId {@code <RoleId>:<session>}
 */
public record IssuedCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration,
                                Arn assumedRoleArn, String assumedRoleId, String subject, Arn providerArn,
                                String audience) {
    @Override
    public String toString() {
        return "IssuedCredentials[" + accessKeyId + " for " + assumedRoleArn + ", expires " + expiration + "]";
    }
}
