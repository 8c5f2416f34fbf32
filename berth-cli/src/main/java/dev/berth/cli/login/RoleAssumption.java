package dev.berth.cli.login;

import dev.berth.cli.CliException;
import dev.berth.cli.ExitCode;
import dev.berth.cli.aws.AwsErrors;
import dev.berth.cli.aws.AwsTarget;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * {@code AssumeRoleWithWebIdentity} against the registry's STS, with refusals explained from the token's own
 * (unverified) claims: which {@code iss}/{@code sub}/{@code aud} the trust policy was asked to admit, when the token
 * expired, which issuer has to be registered.
 */
public final class RoleAssumption {

    /** The role session and who it is. */
    public record Assumed(SavedLogin.Session session, String assumedRoleArn) {}

    private RoleAssumption() {
    }

    public static Assumed assume(AwsTarget target, String roleArn, String sessionName, Duration duration,
            TokenSources.Found found, Instant now) {
        WebIdentityToken token = found.token();
        try (StsClient sts = target.unsignedSts()) {
            AssumeRoleWithWebIdentityResponse response = sts.assumeRoleWithWebIdentity(b -> b.roleArn(roleArn)
                    .roleSessionName(sessionName).webIdentityToken(token.compact())
                    .durationSeconds(duration == null ? null : (int) duration.toSeconds()));
            Credentials c = response.credentials();
            return new Assumed(new SavedLogin.Session(c.accessKeyId(), c.secretAccessKey(), c.sessionToken(),
                    c.expiration()), response.assumedRoleUser() == null ? roleArn : response.assumedRoleUser().arn());
        } catch (SdkException e) {
            throw explain(e, roleArn, found, now);
        }
    }

    static CliException explain(SdkException e, String roleArn, TokenSources.Found found, Instant now) {
        if (!(e instanceof AwsServiceException)) {
            return AwsErrors.translate(e);
        }
        WebIdentityToken token = found.token();
        WebIdentityToken.Claims claims = token.claims();
        String code = AwsErrors.code(e);
        String message = AwsErrors.message(e);
        return switch (code) {
            case "AccessDenied" -> new CliException(ExitCode.ACCESS_DENIED, "role " + roleArn + " refused the token"
                    + " from " + found.source().name() + " (" + message + "): the role does not exist, or its trust"
                    + " policy does not admit " + token.describe() + ". Check the role ARN, and the trust policy's"
                    + " conditions on " + conditionPrefix(claims) + ":sub and :aud against these claims", e);
            case "ExpiredTokenException" -> new CliException(ExitCode.TOKEN_REJECTED, "the token from "
                    + found.source().name() + " has expired" + claims.expiresAt()
                            .map(exp -> " (exp " + exp + ", now " + now.truncatedTo(ChronoUnit.SECONDS) + ")")
                            .orElse("") + ": get a fresh one (CI tokens live minutes; log in at the start of the job)", e);
            case "InvalidIdentityToken" -> new CliException(ExitCode.TOKEN_REJECTED, "the registry refused the token"
                    + " from " + found.source().name() + ": " + message + " (" + token.describe() + "). The issuer"
                    + " must be registered (aws iam create-open-id-connect-provider --url " + claims.issuer()
                    + " --client-id-list <audience>) and the token's audience must be one of its client IDs"
                    + " (--audience)", e);
            case "IDPCommunicationError" -> new CliException(ExitCode.TOKEN_REJECTED, "the registry could not"
                    + " fetch the keys of the token's issuer " + claims.issuer() + ": " + message, e);
            case "ValidationError" -> new CliException(ExitCode.USAGE, message, e);
            default -> AwsErrors.translate(e);
        };
    }

    private static String conditionPrefix(WebIdentityToken.Claims claims) {
        String iss = claims.issuer();
        return iss.replaceFirst("^https?://", "");
    }
}
