package dev.berth.auth;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.berth.iam.Arn;
import dev.berth.iam.Decision;
import dev.berth.iam.InvalidArnException;
import dev.berth.iam.PolicyEvaluator;
import dev.berth.identity.IamIds;
import dev.berth.identity.IamService;
import dev.berth.identity.RoleTrust;
import dev.berth.metadata.IamStore;
import dev.berth.metadata.StsSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * STS: turns a verified OIDC token into temporary credentials for a role whose trust policy admits it (spec §4.1),
 * and answers GetCallerIdentity. The session is stored (secret kept for SigV4, token only as its hash) so that
 * every node sharing the database recognises it. Thread-safe.
 */
public final class StsService {
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final Duration MIN_DURATION = Duration.ofSeconds(900);

    private final OidcTokenVerifier tokens;
    private final IamService iam;
    private final IamStore store;
    private final Clock clock;

    public StsService(OidcTokenVerifier tokens, IamService iam, IamStore store, Clock clock) {
        this.tokens = tokens;
        this.iam = iam;
        this.store = store;
        this.clock = clock;
    }

    /**
     * @param durationSeconds null for the default (3600 s, capped by the role's maximum)
     * @throws WebIdentityException when the token is not acceptable
     * @throws StsException for a malformed request or a trust policy that does not admit the token
     */
    public IssuedCredentials assumeRoleWithWebIdentity(String roleArnText, String sessionName, String token,
            Integer durationSeconds, String sourceIp) {
        if (!SESSION_NAME.matcher(sessionName).matches()) {
            throw new StsException("ValidationError", 400, "1 validation error detected: Value '" + sessionName
                    + "' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression "
                    + "pattern: [\\w+=,.@-]* and have length between 2 and 64");
        }
        Arn roleArn;
        try {
            roleArn = Arn.parse(roleArnText);
        } catch (InvalidArnException e) {
            throw new StsException("ValidationError", 400, "RoleArn " + roleArnText + " is not a valid ARN");
        }
        VerifiedWebIdentity identity = tokens.verify(token);
        Instant now = clock.instant();
        Optional<RoleTrust> trust = iam.trustPolicy(roleArn);
        if (trust.isEmpty()) {
            throw notAuthorized();
        }
        var context = identity.assumeRoleContext(roleArn, now).key("sts:RoleSessionName", sessionName);
        if (sourceIp != null) {
            context.sourceIp(sourceIp);
        }
        Decision decision = PolicyEvaluator.evaluateTrust(context.build(), trust.get().trustPolicy());
        if (!decision.allowed()) {
            throw notAuthorized();
        }
        Duration max = trust.get().role().maxSessionDuration();
        Duration duration = durationSeconds == null ? Duration.ofSeconds(Math.min(3600, max.toSeconds()))
                : Duration.ofSeconds(durationSeconds);
        if (duration.compareTo(MIN_DURATION) < 0) {
            throw new StsException("ValidationError", 400, "1 validation error detected: Value '" + durationSeconds
                    + "' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or "
                    + "equal to 900");
        }
        if (duration.compareTo(max) > 0) {
            throw new StsException("ValidationError", 400,
                    "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        String accessKeyId = IamIds.temporaryAccessKeyId();
        String secret = IamIds.secretAccessKey();
        String sessionToken = IamIds.sessionToken();
        Arn sessionArn = new Arn(roleArn.partition(), "sts", "", roleArn.account(),
                "assumed-role/" + trust.get().role().name() + "/" + sessionName);
        Instant expiration = now.plus(duration);
        store.saveSession(new StsSession(accessKeyId, secret, StsSession.tokenSha256(sessionToken), sessionArn,
                roleArn, trust.get().role().roleId(), sessionName, identity.subject(), "",
                JSONObjectUtils.toJSONString(identity.claims()), now, expiration));
        return new IssuedCredentials(accessKeyId, secret, sessionToken, expiration, sessionArn,
                trust.get().role().roleId() + ":" + sessionName, identity.subject(), identity.providerArn(),
                identity.audience());
    }

    private static StsException notAuthorized() {
        return new StsException("AccessDenied", 403, "Not authorized to perform sts:AssumeRoleWithWebIdentity");
    }

}
